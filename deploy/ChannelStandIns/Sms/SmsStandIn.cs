using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Sms;

namespace FiveSocieties.ChannelStandIns.Sms;

/// <summary>The stand-in's account ("StandIn:Sms"): the key pair it accepts, the templates it has "approved", where receipts go.</summary>
public sealed class SmsStandInSettings
{
    public const string Section = "StandIn:Sms";

    public string AccessKeyId { get; set; } = "standin-key";
    public string AccessKeySecret { get; set; } = "standin-secret";
    /// <summary>Approved template codes; empty: any code of the form SMS_… is approved.</summary>
    public List<string> Templates { get; set; } = [];
    /// <summary>Where delivery receipts are pushed (the platform's HTTP "SmsReport" push); empty: none are sent.</summary>
    public string ReceiptUrl { get; set; } = "";
    /// <summary>Where a household's reply ("SmsUp", 上行消息) is pushed: the Volunteers service's /sms/replies/{token}.</summary>
    public string ReplyUrl { get; set; } = "";
    /// <summary>How far a request's Timestamp may be from now (the platform refuses stale requests).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>A message the stand-in accepted (or refused), as it would show in the platform's console.</summary>
public sealed record ReceivedSms(
    string BizId, string PhoneNumber, string SignName, string TemplateCode, IReadOnlyDictionary<string, string> Parameters, string OutId,
    string Code, DateTimeOffset At)
{
    public string? Receipt { get; set; }
}

/// <summary>Make the platform answer sends to a number with an error code: at the send (the default) or in the receipt.</summary>
public sealed record SmsFailure(string PhoneNumber, string Code, int? Times = null, string Stage = SmsFailure.AtSend)
{
    public const string AtSend = "send";
    public const string AtReceipt = "receipt";
}

/// <summary>One receipt as the platform's HTTP push sends it (an array of these per call).</summary>
public sealed record SmsReport(
    [property: JsonPropertyName("phone_number")] string PhoneNumber,
    [property: JsonPropertyName("send_time")] string SendTime,
    [property: JsonPropertyName("report_time")] string ReportTime,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("err_code")] string ErrCode,
    [property: JsonPropertyName("err_msg")] string ErrMsg,
    [property: JsonPropertyName("sms_size")] string SmsSize,
    [property: JsonPropertyName("biz_id")] string BizId,
    [property: JsonPropertyName("out_id")] string OutId);

/// <summary>
/// What the SMS stand-in holds: the messages it received, the nonces it has seen (a replay is
/// refused, as the platform does), and the failures it was told to answer with.
/// </summary>
public sealed class SmsStandIn(SmsStandInSettings settings, IHttpClientFactory http, TimeProvider time, ILogger<SmsStandIn> logger)
{
    private readonly ConcurrentQueue<ReceivedSms> _received = new();
    private readonly ConcurrentDictionary<string, byte> _nonces = new();
    private readonly ConcurrentDictionary<string, SmsFailure> _failures = new();
    private long _bizIds;
    private long _sequenceIds;

    public SmsStandInSettings Settings => settings;
    public IReadOnlyList<ReceivedSms> Received => _received.ToArray();
    public IEnumerable<ReceivedSms> To(string phone) => _received.Where(m => m.PhoneNumber == phone);

    public void Fail(SmsFailure failure) => _failures[failure.PhoneNumber] = failure;
    public void Clear() { _received.Clear(); _failures.Clear(); }

    /// <summary>SendSms: the answer's HTTP status and body, as the platform gives them.</summary>
    public (int Status, object Body) Send(string method, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        string Value(string name) => parameters.FirstOrDefault(p => p.Key == name).Value ?? "";
        (int, object) Error(int status, string code, string message) => (status, new { RequestId = requestId, Code = code, Message = message });

        if (Value("Action") != "SendSms") return Error(400, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        if (Value("AccessKeyId") != settings.AccessKeyId) return Error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        if (!AliyunSignature.Verify(method, parameters, settings.AccessKeySecret, Value("Signature")))
            return Error(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        if (!DateTimeOffset.TryParseExact(Value("Timestamp"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var stamp) || (time.GetUtcNow() - stamp).Duration() > settings.TimestampTolerance)
            return Error(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        if (!_nonces.TryAdd(Value("SignatureNonce"), 0)) return Error(400, "SignatureNonceUsed", "Specified signature nonce was used already.");

        var phone = Value("PhoneNumbers");
        var template = Value("TemplateCode");
        var parametersOfTemplate = ParseTemplateParam(Value("TemplateParam"));
        var code = PhoneNumbers.Normalise(phone) is null ? "isv.MOBILE_NUMBER_ILLEGAL"
            : string.IsNullOrEmpty(Value("SignName")) ? "isv.SMS_SIGNATURE_ILLEGAL"
            : !(settings.Templates.Count == 0 ? template.StartsWith("SMS_", StringComparison.Ordinal) : settings.Templates.Contains(template))
                ? "isv.SMS_TEMPLATE_ILLEGAL"
            : parametersOfTemplate is null ? "isv.INVALID_JSON_PARAM"
            : FailureAt(phone, SmsFailure.AtSend) ?? "OK";
        var bizId = $"{Interlocked.Increment(ref _bizIds):D6}^{time.GetUtcNow().ToUnixTimeMilliseconds()}";
        var received = new ReceivedSms(code == "OK" ? bizId : "", phone, Value("SignName"), template, parametersOfTemplate ?? new Dictionary<string, string>(),
            Value("OutId"), code, time.GetUtcNow());
        _received.Enqueue(received);
        logger.LogInformation("SMS stand-in: {Template} to {Phone}: {Code}", template, PhoneNumbers.Mask(phone), code);
        if (code != "OK")
            return Error(code is "isp.SYSTEM_ERROR" ? 500 : 200, code, code);
        if (!string.IsNullOrEmpty(settings.ReceiptUrl)) _ = PushReceiptAsync(received, FailureAt(phone, SmsFailure.AtReceipt));
        return (200, new { RequestId = requestId, Code = "OK", Message = "OK", BizId = bizId });
    }

    private string? FailureAt(string phone, string stage)
    {
        if (!_failures.TryGetValue(phone, out var failure) || failure.Stage != stage) return null;
        if (failure.Times is { } times)
        {
            if (times <= 1) _failures.TryRemove(phone, out _);
            else _failures[phone] = failure with { Times = times - 1 };
        }
        return failure.Code;
    }

    private async Task PushReceiptAsync(ReceivedSms sms, string? failedWith)
    {
        var local = TimeZoneInfo.ConvertTime(sms.At, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var at = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var report = new SmsReport(sms.PhoneNumber, at, at, failedWith is null, failedWith ?? "DELIVERED",
            failedWith is null ? "用户接收成功" : "用户接收失败", "1", sms.BizId, sms.OutId);
        // As the platform does: a push not answered {"code":0} is pushed again, a few times, further apart.
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            try
            {
                using var response = await http.CreateClient().PostAsJsonAsync(settings.ReceiptUrl, new[] { report });
                var answer = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PushAnswer>() : null;
                sms.Receipt = $"{report.ErrCode} → HTTP {(int)response.StatusCode}, code {answer?.Code}, push {attempt}";
                if (answer?.Code == 0) return;
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
            {
                sms.Receipt = $"not pushed ({attempt}): {e.Message}";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)));
        }
    }

    private sealed record PushAnswer(int Code, string? Msg);

    /// <summary>
    /// A reply from <paramref name="phone"/>, pushed once to the reply URL as the platform's HTTP push
    /// sends it (a JSON array, snake_case fields, a fresh sequence id): the callback's HTTP status and body.
    /// </summary>
    public async Task<(int Status, string Body)> PushReplyAsync(string phone, string content, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(settings.ReplyUrl)) return (StatusCodes.Status409Conflict, "StandIn:Sms:ReplyUrl is not set");
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var reply = new Dictionary<string, object>
        {
            ["phone_number"] = phone, ["content"] = content, ["send_time"] = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["sign_name"] = "", ["dest_code"] = "1234", ["sequence_id"] = Interlocked.Increment(ref _sequenceIds) + time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        using var response = await http.CreateClient().PostAsJsonAsync(settings.ReplyUrl, new[] { reply }, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static Dictionary<string, string>? ParseTemplateParam(string json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try { return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
