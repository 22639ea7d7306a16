using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace FiveSocieties.BuildingBlocks.Sms;

/// <summary>One message on the platform's model: an approved template and its parameters, never free text.</summary>
public sealed record SmsMessage(string PhoneNumber, string TemplateCode, IReadOnlyDictionary<string, string> Parameters, string OutId);

/// <summary>
/// What the platform said to the last try: accepted (with its BizId, for the receipt), or its
/// error code. <see cref="Transient"/> codes were retried; the others (a bad template, a barred
/// number) are final at the first answer.
/// </summary>
public sealed record SmsSendResult(bool Accepted, string Code, string Message, string? BizId, int Tries, bool Transient);

/// <summary>
/// Sends SMS through Alibaba Cloud's Dysmsapi SendSms (version 2017-05-25) over its published
/// HTTP API: no SDK is served here. Each try is signed afresh (a new nonce and timestamp: the
/// platform refuses a nonce it has seen) and has its own timeout; network failures, 5xx answers
/// and the platform's throttling and system-error codes are retried with jittered back-off.
/// Sent by POST so the number travels in the body, never in a URL that a log line may print.
/// </summary>
public sealed class AliyunSmsClient
{
    public const string Action = "SendSms";
    public const string ApiVersion = "2017-05-25";

    /// <summary>Codes worth another try: flow control (Throttling.*, the per-number business limit) and the platform's own failure.</summary>
    public static bool IsTransient(string code) =>
        code.StartsWith("Throttling", StringComparison.Ordinal) || code is "isv.BUSINESS_LIMIT_CONTROL" or "isp.SYSTEM_ERROR" or "ServiceUnavailable";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly SmsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<AliyunSmsClient> _logger;
    private readonly ResiliencePipeline<SmsSendResult> _pipeline;

    public AliyunSmsClient(HttpClient http, SmsSettings settings, TimeProvider time, ILogger<AliyunSmsClient> logger)
    {
        (_http, _settings, _time, _logger) = (http, settings, time, logger);
        // Back-off and timeouts wait in real time; the injected clock only dates the requests.
        _pipeline = PlatformSendPipeline.For<SmsSendResult>(settings.Retries, settings.RetryBaseDelay, settings.Timeout, r => !r.Accepted && r.Transient);
    }

    public bool Configured => _settings.Configured;

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        if (!Configured) return new SmsSendResult(false, "NotConfigured", "the SMS channel is not enabled or lacks its settings", null, 0, false);
        var (answer, tries, failure) = await _pipeline.SendAsync(token => TryOnceAsync(message, token), ct);
        if (failure is not null)
        {
            _logger.LogWarning("SMS {TemplateCode} to {Phone} not sent after {Tries} tries: {Error}", message.TemplateCode,
                PhoneNumbers.Mask(message.PhoneNumber), tries, failure.GetType().Name);
            return new SmsSendResult(false, failure is TimeoutRejectedException ? "Timeout" : "Unreachable", failure.Message, null, tries, true);
        }
        _logger.LogInformation("SMS {TemplateCode} to {Phone}: {Code} after {Tries} tries (out id {OutId})", message.TemplateCode,
            PhoneNumbers.Mask(message.PhoneNumber), answer!.Code, tries, message.OutId);
        return answer with { Tries = tries };
    }

    private async Task<SmsSendResult> TryOnceAsync(SmsMessage message, CancellationToken ct)
    {
        var parameters = SignedParameters(message, _settings, _time.GetUtcNow(), Guid.NewGuid());
        using var response = await _http.PostAsync(_settings.Endpoint, new FormUrlEncodedContent(parameters), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answer = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<Answer>(body, Json) : null;
        if (answer?.Code is not { Length: > 0 } code)
        {
            // Not the platform speaking (a proxy's error page): a server error may pass, anything else will not.
            var status = (int)response.StatusCode;
            return new SmsSendResult(false, $"HTTP{status}", response.ReasonPhrase ?? "", null, 0,
                status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }
        return new SmsSendResult(code == "OK", code, answer.Message ?? "", answer.BizId, 0,
            code != "OK" && (IsTransient(code) || (int)response.StatusCode >= 500));
    }

    /// <summary>The request's parameters with its Signature: the common ones, then SendSms's own.</summary>
    public static List<KeyValuePair<string, string>> SignedParameters(SmsMessage message, SmsSettings settings, DateTimeOffset now, Guid nonce)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("AccessKeyId", settings.AccessKeyId),
            new("Action", Action),
            new("Format", "JSON"),
            new("OutId", message.OutId),
            new("PhoneNumbers", message.PhoneNumber),
            new("RegionId", settings.RegionId),
            new("SignName", settings.SignName),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureNonce", nonce.ToString()),
            new("SignatureVersion", "1.0"),
            new("TemplateCode", message.TemplateCode),
            new("TemplateParam", JsonSerializer.Serialize(message.Parameters, TemplateParamJson)),
            new("Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("Version", ApiVersion),
        };
        parameters.Add(new("Signature", AliyunSignature.Sign("POST", parameters, settings.AccessKeySecret)));
        return parameters;
    }

    // Chinese parameters go as they are (the platform reads UTF-8 JSON), not as \uXXXX escapes.
    private static readonly JsonSerializerOptions TemplateParamJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Answer(
        [property: JsonPropertyName("Code")] string? Code,
        [property: JsonPropertyName("Message")] string? Message,
        [property: JsonPropertyName("BizId")] string? BizId,
        [property: JsonPropertyName("RequestId")] string? RequestId);
}
