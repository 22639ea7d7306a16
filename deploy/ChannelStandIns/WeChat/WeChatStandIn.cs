using System.Collections.Concurrent;
using FiveSocieties.BuildingBlocks.WeChat;

namespace FiveSocieties.ChannelStandIns.WeChat;

/// <summary>The stand-in's official account ("StandIn:WeChat"): the app id and secret it accepts and how long its tokens live.</summary>
public sealed class WeChatStandInSettings
{
    public const string Section = "StandIn:WeChat";

    public string AppId { get; set; } = "standin-wechat-app";
    public string AppSecret { get; set; } = WeChatSetup.StandInAppSecret;
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);
    /// <summary>The follower a sign-in through the stand-in's authorize page is, unless the request names one (standin_openid).</summary>
    public string DefaultOpenId { get; set; } = "o-standin-follower";
}

/// <summary>A subscription notification the stand-in received, and what it answered.</summary>
public sealed record ReceivedWeChatMessage(string OpenId, string TemplateId, string? Page, IReadOnlyDictionary<string, string> Data, int ErrCode, DateTimeOffset At);

/// <summary>Make the platform refuse sends to a follower (openId, e.g. 43101) or on a template (templateId, e.g. 40037).</summary>
public sealed record WeChatRefusalRule(string? OpenId, string? TemplateId, int ErrCode);

/// <summary>
/// What the WeChat stand-in holds: the access tokens it issued (with their expiry), the
/// notifications it received, the refusals it was told to answer with, and the one-time OAuth
/// codes of sign-ins (a code is good once, as on the platform).
/// </summary>
public sealed class WeChatStandIn(WeChatStandInSettings settings, TimeProvider time, ILogger<WeChatStandIn> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentQueue<ReceivedWeChatMessage> _received = new();
    private readonly ConcurrentDictionary<string, WeChatRefusalRule> _refusals = new();
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private int _tokenRequests;

    public WeChatStandInSettings Settings => settings;
    public IReadOnlyList<ReceivedWeChatMessage> Received => _received.ToArray();
    public IEnumerable<ReceivedWeChatMessage> To(string openId) => _received.Where(m => m.OpenId == openId);
    public int TokenRequests => _tokenRequests;

    public void Refuse(WeChatRefusalRule rule) => _refusals[$"{rule.OpenId}|{rule.TemplateId}"] = rule;
    public void Clear() { _received.Clear(); _refusals.Clear(); }

    /// <summary>Every token issued so far stops working (42001), as when the platform ends them early.</summary>
    public void ExpireTokens() => _tokens.Clear();

    /// <summary>stable_token / token: a token for the right app id and secret, else 40013 / 40125 as the platform answers.</summary>
    public object Token(string? grantType, string? appId, string? secret)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (grantType != "client_credential") return Error(40002, "invalid grant_type");
        if (appId != settings.AppId) return Error(40013, "invalid appid");
        if (secret != settings.AppSecret) return Error(40125, "invalid appsecret");
        var token = "standin-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _tokens[token] = time.GetUtcNow() + settings.TokenLifetime;
        return new { access_token = token, expires_in = (int)settings.TokenLifetime.TotalSeconds };
    }

    /// <summary>bizsend: checks the token, then the refusals it was told of, and keeps the message either way.</summary>
    public object Send(string? accessToken, BizSend? body)
    {
        if (accessToken is null || !_tokens.TryGetValue(accessToken, out var expires)) return Error(40001, "invalid credential, access_token is invalid or not latest");
        if (time.GetUtcNow() >= expires) return Error(42001, "access_token expired");
        if (body is not { ToUser.Length: > 0, TemplateId.Length: > 0 } || body.Data is null) return Error(47003, "argument invalid! data");
        var refused = _refusals.Values.FirstOrDefault(r => (r.OpenId is null || r.OpenId == body.ToUser) && (r.TemplateId is null || r.TemplateId == body.TemplateId));
        var errCode = refused?.ErrCode ?? 0;
        _received.Enqueue(new ReceivedWeChatMessage(body.ToUser, body.TemplateId, body.Page,
            body.Data.ToDictionary(d => d.Key, d => d.Value.Value ?? ""), errCode, time.GetUtcNow()));
        logger.LogInformation("WeChat stand-in: {Template} to {OpenId}: {ErrCode}", body.TemplateId, WeChatClient.MaskOpenId(body.ToUser), errCode);
        return errCode == 0 ? new { errcode = 0, errmsg = "ok" } : Error(errCode, errCode switch
        {
            43101 => "user refuse to accept the msg",
            40037 => "invalid template_id",
            _ => "refused by the stand-in",
        });
    }

    /// <summary>The OAuth authorize step: a one-time code for the follower signing in.</summary>
    public string IssueCode(string openId)
    {
        var code = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        _codes[code] = openId;
        return code;
    }

    /// <summary>sns/oauth2/access_token: the follower's openid for a code, once (40029 afterwards, as the platform answers a used code).</summary>
    public object ExchangeCode(string? appId, string? secret, string? code, string? grantType)
    {
        if (grantType != "authorization_code") return Error(40002, "invalid grant_type");
        if (appId != settings.AppId) return Error(40013, "invalid appid");
        if (secret != settings.AppSecret) return Error(40125, "invalid appsecret");
        if (code is null || !_codes.TryRemove(code, out var openId)) return Error(40029, "invalid code");
        return new { access_token = "standin-user-" + code, expires_in = 7200, refresh_token = "standin-refresh-" + code, openid = openId, scope = "snsapi_base" };
    }

    private static object Error(int code, string message) => new { errcode = code, errmsg = message };
}

/// <summary>bizsend's body as the platform reads it.</summary>
public sealed record BizSend(
    [property: System.Text.Json.Serialization.JsonPropertyName("touser")] string? ToUser,
    [property: System.Text.Json.Serialization.JsonPropertyName("template_id")] string? TemplateId,
    [property: System.Text.Json.Serialization.JsonPropertyName("page")] string? Page,
    [property: System.Text.Json.Serialization.JsonPropertyName("data")] Dictionary<string, BizSendValue>? Data);

public sealed record BizSendValue([property: System.Text.Json.Serialization.JsonPropertyName("value")] string? Value);
