using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace FiveSocieties.BuildingBlocks.WeChat;

/// <summary>
/// One subscription notification (订阅通知) to a follower of the official account: an approved
/// template, its keyword values ({"thing1": {"value": "…"}} on the wire) and the page it opens.
/// </summary>
public sealed record WeChatSubscribeMessage(string OpenId, string TemplateId, string? Page, IReadOnlyDictionary<string, string> Data);

/// <summary>Why the platform will not take a message for this person, whatever we retry: the binding needs marking.</summary>
public enum WeChatRefusal
{
    None,
    /// <summary>43101: the person refused or used up their subscription to this template.</summary>
    Unsubscribed,
    /// <summary>40037 / 40036 / 43107: the template id is wrong, revoked or banned.</summary>
    TemplateBroken,
    /// <summary>40003: the openid is not one of this account's followers.</summary>
    OpenIdInvalid,
}

/// <summary>What the platform said to the last try. <see cref="Transient"/> failures were retried; refusals are final.</summary>
public sealed record WeChatSendResult(bool Accepted, int ErrCode, string ErrMsg, int Tries, bool Transient, WeChatRefusal Refusal);

/// <summary>
/// Sends subscription notifications through the official account's published HTTP API (no SDK is
/// served here): <c>POST /cgi-bin/message/subscribe/bizsend?access_token=…</c> with a JSON body
/// of touser, template_id, page and data, answered {"errcode":0,"errmsg":"ok"} or an error code.
/// Fields as the platform documents them at
/// https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html (bizsend is
/// the official account's send, subscribe/send the mini program's:
/// https://developers.weixin.qq.com/community/develop/doc/000aeeb8b70c40fb7b727ef0061400), error
/// codes as listed at https://tencentcloud.com/document/product/1219/67648 (40001 invalid token,
/// 40003 invalid openid, 40037 invalid template_id, 43101 user did not subscribe, 43107 template banned).
/// The access token comes from <c>POST /cgi-bin/stable_token</c> (the secret travels in the body,
/// never in a URL a log may print), is kept until shortly before its expires_in and renewed by
/// one caller while the others wait; a token the platform calls invalid or expired (40001, 40014,
/// 42001) is dropped and the send tried once more with a fresh one.
/// </summary>
public sealed class WeChatClient
{
    /// <summary>Codes worth another try: the platform busy (-1) and too many sends at once (43108).</summary>
    public static bool IsTransient(int errCode) => errCode is -1 or 43108;

    public static bool IsTokenRejected(int errCode) => errCode is 40001 or 40014 or 42001;

    public static WeChatRefusal RefusalOf(int errCode) => errCode switch
    {
        43101 => WeChatRefusal.Unsubscribed,
        40036 or 40037 or 43107 => WeChatRefusal.TemplateBroken,
        40003 => WeChatRefusal.OpenIdInvalid,
        _ => WeChatRefusal.None,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Chinese values go as they are (the platform reads UTF-8 JSON), not as \uXXXX escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly WeChatSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<WeChatClient> _logger;
    private readonly ResiliencePipeline<WeChatSendResult> _pipeline;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private CachedToken? _token;

    public WeChatClient(HttpClient http, WeChatSettings settings, TimeProvider time, ILogger<WeChatClient> logger)
    {
        (_http, _settings, _time, _logger) = (http, settings, time, logger);
        // Back-off and timeouts wait in real time; the injected clock only ages the access token.
        _pipeline = PlatformSendPipeline.For<WeChatSendResult>(settings.Retries, settings.RetryBaseDelay, settings.Timeout, r => !r.Accepted && r.Transient);
    }

    public bool Configured => _settings.Configured;

    public async Task<WeChatSendResult> SendAsync(WeChatSubscribeMessage message, CancellationToken ct)
    {
        if (!Configured) return new WeChatSendResult(false, 0, "the WeChat channel is not enabled or lacks its settings", 0, false, WeChatRefusal.None);
        var (answer, tries, failure) = await _pipeline.SendAsync(token => TryOnceAsync(message, token), ct);
        if (failure is not null)
        {
            _logger.LogWarning("WeChat {TemplateId} to {OpenId} not sent after {Tries} tries: {Error}", message.TemplateId,
                MaskOpenId(message.OpenId), tries, failure.GetType().Name);
            return new WeChatSendResult(false, 0, failure is TimeoutRejectedException ? "timeout" : $"unreachable: {failure.Message}", tries, true,
                WeChatRefusal.None);
        }
        _logger.LogInformation("WeChat {TemplateId} to {OpenId}: errcode {ErrCode} after {Tries} tries", message.TemplateId,
            MaskOpenId(message.OpenId), answer!.ErrCode, tries);
        return answer with { Tries = tries };
    }

    /// <summary>
    /// The web sign-in's first step (网页授权, snsapi_base: no consent page, only the openid):
    /// WeChat sends the person back to <paramref name="redirectUri"/> with a one-time code and the
    /// state unchanged. Documented at
    /// https://developers.weixin.qq.com/doc/offiaccount/en/OA_Web_Apps/Wechat_webpage_authorization.html
    /// </summary>
    public string AuthorizeUrl(string redirectUri, string state) =>
        new Uri(new Uri(_settings.AuthorizeEndpoint), "connect/oauth2/authorize")
        + $"?appid={Uri.EscapeDataString(_settings.AppId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
        + $"&response_type=code&scope=snsapi_base&state={Uri.EscapeDataString(state)}#wechat_redirect";

    /// <summary>
    /// The sign-in's second step: the openid for the code (GET /sns/oauth2/access_token, the secret
    /// in the query as the platform requires). Tried once: a code is good for one exchange, so a
    /// retry after a lost answer could only be refused (40029).
    /// </summary>
    public async Task<(string? OpenId, int ErrCode, string ErrMsg)> OpenIdForCodeAsync(string code, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.Timeout);
        var path = $"sns/oauth2/access_token?appid={Uri.EscapeDataString(_settings.AppId)}&secret={Uri.EscapeDataString(_settings.AppSecret)}"
                   + $"&code={Uri.EscapeDataString(code)}&grant_type=authorization_code";
        using var response = await _http.GetAsync(new Uri(new Uri(_settings.Endpoint), path), timeout.Token);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var answer = JsonSerializer.Deserialize<CodeAnswer>(await response.Content.ReadAsStringAsync(timeout.Token), Json)
                     ?? throw new JsonException("empty answer");
        return (answer.OpenId is { Length: > 0 } ? answer.OpenId : null, answer.ErrCode, answer.ErrMsg ?? "");
    }

    /// <summary>"oAbC12345…" → "oAbC…": enough to tell followers apart in a log.</summary>
    public static string MaskOpenId(string openId) => openId.Length > 4 ? openId[..4] + "…" : "…";

    private async Task<WeChatSendResult> TryOnceAsync(WeChatSubscribeMessage message, CancellationToken ct)
    {
        for (var renewed = false; ; renewed = true)
        {
            var (token, refused) = await AccessTokenAsync(ct);
            if (token is null) return refused!;
            var answer = await PostAsync<Answer>($"cgi-bin/message/subscribe/bizsend?access_token={Uri.EscapeDataString(token)}", Body(message), ct);
            if (answer.ErrCode == 0) return new WeChatSendResult(true, 0, answer.ErrMsg ?? "ok", 0, false, WeChatRefusal.None);
            if (IsTokenRejected(answer.ErrCode) && !renewed)
            {
                Forget(token);
                continue;
            }
            return new WeChatSendResult(false, answer.ErrCode, answer.ErrMsg ?? "", 0, IsTransient(answer.ErrCode), RefusalOf(answer.ErrCode));
        }
    }

    /// <summary>The bizsend body: data values nested as {"key": {"value": "…"}}, as the platform wants them.</summary>
    public static object Body(WeChatSubscribeMessage message) => new BizSend(message.OpenId, message.TemplateId, message.Page,
        message.Data.ToDictionary(d => d.Key, d => new Value(d.Value)));

    /// <summary>
    /// A token good for a while yet, or the platform's reason for none (a wrong secret, a server not
    /// on the account's IP allow-list). Renewed by one caller at a time: the others wait and take its token.
    /// </summary>
    private async Task<(string? Token, WeChatSendResult? Refused)> AccessTokenAsync(CancellationToken ct)
    {
        if (Current() is { } cached) return (cached, null);
        await _renewal.WaitAsync(ct);
        try
        {
            if (Current() is { } renewedMeanwhile) return (renewedMeanwhile, null);
            var asked = _time.GetUtcNow();
            var answer = await PostAsync<TokenAnswer>("cgi-bin/stable_token",
                new { grant_type = "client_credential", appid = _settings.AppId, secret = _settings.AppSecret }, ct);
            if (answer.AccessToken is not { Length: > 0 } token)
                return (null, new WeChatSendResult(false, answer.ErrCode, $"no access token: {answer.ErrMsg}", 0, IsTransient(answer.ErrCode), WeChatRefusal.None));
            _token = new CachedToken(token, asked + TimeSpan.FromSeconds(answer.ExpiresIn) - _settings.TokenRenewalMargin);
            return (token, null);
        }
        finally
        {
            _renewal.Release();
        }
    }

    private string? Current() => _token is { } t && _time.GetUtcNow() < t.RenewAt ? t.Token : null;

    /// <summary>Drops a token the platform rejected, unless another sender has renewed it already.</summary>
    private void Forget(string token)
    {
        if (Volatile.Read(ref _token) is { } current && current.Token == token) Interlocked.CompareExchange(ref _token, null, current);
    }

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken ct) where T : class
    {
        using var response = await _http.PostAsync(new Uri(new Uri(_settings.Endpoint), path), JsonContent.Create(body, options: Json), ct);
        // The platform answers errors with 200 and an errcode; anything else is not the platform speaking (a proxy's page).
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("empty answer");
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed record BizSend(
        [property: JsonPropertyName("touser")] string ToUser,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("page")] string? Page,
        [property: JsonPropertyName("data")] Dictionary<string, Value> Data);

    private sealed record Value([property: JsonPropertyName("value")] string Text);

    private sealed record Answer(
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg);

    private sealed record CodeAnswer(
        [property: JsonPropertyName("openid")] string? OpenId,
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg);

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg);
}
