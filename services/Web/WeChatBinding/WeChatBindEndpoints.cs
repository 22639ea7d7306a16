using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.WeChat;
using FiveSocieties.Web.Sessions;
using Microsoft.AspNetCore.DataProtection;

namespace FiveSocieties.Web.WeChatBinding;

/// <summary>
/// Binding the signed-in person's WeChat (微信绑定) through the official account's web sign-in:
/// /auth/wechat/bind sends them to WeChat with a fresh state, kept in a sealed cookie with their id;
/// WeChat returns them to /auth/wechat/callback with a one-time code, exchanged here for their
/// openid; /auth/wechat/finish records it in Notifications as them. The callback arrives from
/// WeChat's site, where the session cookie (SameSite=Strict) is not sent: so the bind cookie is
/// Lax, and the callback answers a page that goes on to /finish from this site, where the session
/// is there again. A state that does not match the cookie, or comes a second time, writes nothing.
/// </summary>
/// <summary>GET /auth/wechat: whether the channel is configured here.</summary>
public sealed record WeChatChannel(bool Enabled);

public static class WeChatBindEndpoints
{
    public const string NotificationsClient = "wechat-binding-notifications";
    private const string Cookie = "fivesoc-wechat-bind";
    /// <summary>The app's notification settings, told the binding was made.</summary>
    public const string BoundPage = "/settings/notifications?wechat=bound";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>What the bind cookie carries: the state sent to WeChat, whose it is, until when, and (after the callback) the openid.</summary>
    private sealed record Ticket(string State, Guid PersonId, DateTimeOffset ExpiresAt, string? OpenId);

    // States already answered on this replica: a replayed callback is refused even with a copy of the cookie.
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Answered = new();

    public static WebApplicationBuilder AddWeChatBinding(this WebApplicationBuilder builder, WebSettings settings)
    {
        builder.AddWeChatClient();
        // Local replicas are listed comma-separated: the binding goes to the first, as the demo sign-in's rosters do.
        builder.Services.AddHttpClient(NotificationsClient, client => client.BaseAddress = new Uri(ServiceAddresses.Replicas(settings.Services.Notifications)[0]));
        return builder;
    }

    public static WebApplication MapWeChatBinding(this WebApplication app)
    {
        app.MapGet("/auth/wechat", (WeChatClient wechat) => Results.Ok(new WeChatChannel(wechat.Configured)))
            .RequireAuthorization(SessionSetup.SignedIn)
            .WithSummary("Whether this installation has a WeChat official account, so the app offers binding only where it can work.");
        app.MapGet("/auth/wechat/bind", Bind).RequireAuthorization(SessionSetup.SignedIn).ExcludeFromDescription();
        app.MapGet("/auth/wechat/callback", CallbackAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/auth/wechat/finish", FinishAsync).RequireAuthorization(SessionSetup.SignedIn).ExcludeFromDescription();
        return app;
    }

    private static IResult Bind(HttpContext http, WeChatClient wechat, IDataProtectionProvider protection, TimeProvider clock)
    {
        if (!wechat.Configured) return Problem(StatusCodes.Status404NotFound, "wechat.disabled",
            ("未开通微信渠道", "The WeChat channel is not enabled"), ("本站尚未配置微信公众号。", "This station has no WeChat official account configured."));
        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        Write(http, protection, new Ticket(state, CurrentUser.From(http.User).Id, clock.GetUtcNow() + Lifetime, null));
        return Results.Redirect(wechat.AuthorizeUrl($"{http.Request.Scheme}://{http.Request.Host}/auth/wechat/callback", state));
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, HttpContext http, WeChatClient wechat,
        IDataProtectionProvider protection, TimeProvider clock, ILoggerFactory logs)
    {
        var now = clock.GetUtcNow();
        var ticket = Read(http, protection);
        if (ticket is null || ticket.OpenId is not null || ticket.ExpiresAt <= now || string.IsNullOrEmpty(state) || string.IsNullOrEmpty(code)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ticket.State), Encoding.ASCII.GetBytes(state)))
        {
            if (state is not null && Answered.ContainsKey(state)) return Replayed();
            http.Response.Cookies.Delete(Cookie, CookieOptions(http));
            return Problem(StatusCodes.Status400BadRequest, "wechat.state",
                ("微信绑定请求无效或已过期", "The WeChat binding request is not valid"),
                ("请从本站重新发起微信绑定。", "Start binding WeChat again from this site."));
        }
        foreach (var old in Answered.Where(a => a.Value <= now)) Answered.TryRemove(old.Key, out _);
        if (!Answered.TryAdd(state, ticket.ExpiresAt)) return Replayed();

        string? openId;
        try
        {
            (openId, var errCode, var errMsg) = await wechat.OpenIdForCodeAsync(code, http.RequestAborted);
            if (openId is null)
            {
                logs.CreateLogger(nameof(WeChatBindEndpoints)).LogWarning("WeChat refused the sign-in code: errcode {ErrCode} {ErrMsg}", errCode, errMsg);
                http.Response.Cookies.Delete(Cookie, CookieOptions(http));
                return Problem(StatusCodes.Status400BadRequest, "wechat.code",
                    ("微信未确认此次登录", "WeChat did not confirm the sign-in"),
                    ($"微信返回错误码 {errCode}，请重新发起绑定。", $"WeChat answered errcode {errCode}; start binding again."));
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException && !http.RequestAborted.IsCancellationRequested)
        {
            Answered.TryRemove(state, out _);
            return Unavailable(http, ("微信暂时无法访问", "WeChat is not answering"), ("请稍后重试绑定。", "Try binding again shortly."));
        }
        Write(http, protection, ticket with { OpenId = openId });
        // From this site's page the next request carries the session cookie again (see the summary).
        const string page = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/auth/wechat/finish">
            <title>微信绑定 · Binding WeChat</title></head><body>
            <p>正在完成微信绑定…… <a href="/auth/wechat/finish">继续</a></p><p lang="en">Finishing binding WeChat… <a href="/auth/wechat/finish">Continue</a></p>
            </body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static async Task<IResult> FinishAsync(HttpContext http, IDataProtectionProvider protection, TimeProvider clock,
        ServiceTokens tokens, IHttpClientFactory clients)
    {
        var ticket = Read(http, protection);
        http.Response.Cookies.Delete(Cookie, CookieOptions(http));
        if (ticket is not { OpenId: { } openId } || ticket.ExpiresAt <= clock.GetUtcNow() || ticket.PersonId != CurrentUser.From(http.User).Id)
            return Problem(StatusCodes.Status400BadRequest, "wechat.state",
                ("微信绑定请求无效或已过期", "The WeChat binding request is not valid"),
                ("请从本站重新发起微信绑定。", "Start binding WeChat again from this site."));
        if (await tokens.ForAsync(http) is not { } token)
            return Problem(StatusCodes.Status401Unauthorized, "session.signed-out", ("请先登录", "Sign in first"),
                ("登录已过期，请重新登录后再绑定微信。", "The session has ended; sign in again, then bind WeChat."));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/wechat-binding") { Content = JsonContent.Create(new { openId }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await clients.CreateClient(NotificationsClient).SendAsync(request, http.RequestAborted);
            if (response.StatusCode >= HttpStatusCode.InternalServerError) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
                return Problem((int)response.StatusCode, "wechat.binding-refused", ("微信绑定未被接受", "The WeChat binding was refused"),
                    ("通知服务未接受此绑定，请重新发起。", "The Notifications service refused the binding; start again."));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            return Unavailable(http, ("通知服务暂时无法访问", "The Notifications service is not answering"),
                ("微信绑定未保存，请稍后重试。", "The WeChat binding was not saved; try again shortly."));
        }
        return Results.Redirect(BoundPage);
    }

    private static IResult Replayed() => Problem(StatusCodes.Status409Conflict, "wechat.replayed",
        ("此微信登录已使用过", "This WeChat sign-in was used already"), ("请从本站重新发起微信绑定。", "Start binding WeChat again from this site."));

    private static IResult Unavailable(HttpContext http, (string Zh, string En) title, (string Zh, string En) detail)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "service.unavailable", title, detail);
    }

    private static IResult Problem(int status, string code, (string Zh, string En) title, (string Zh, string En) detail) =>
        new ProblemResult(h => WebProblems.WriteAsync(h, status, code, title, detail));

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("FiveSocieties.Web.WeChatBind.v1");

    private static void Write(HttpContext http, IDataProtectionProvider protection, Ticket ticket) =>
        http.Response.Cookies.Append(Cookie, Protector(protection).Protect(JsonSerializer.Serialize(ticket)), CookieOptions(http));

    private static Ticket? Read(HttpContext http, IDataProtectionProvider protection)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var sealedTicket) || string.IsNullOrEmpty(sealedTicket)) return null;
        try { return JsonSerializer.Deserialize<Ticket>(Protector(protection).Unprotect(sealedTicket)); }
        catch (Exception e) when (e is CryptographicException or JsonException) { return null; }
    }

    // Lax, not Strict: the callback is a top-level navigation from WeChat's site, and must bring it.
    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/auth/wechat", MaxAge = Lifetime, IsEssential = true,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
