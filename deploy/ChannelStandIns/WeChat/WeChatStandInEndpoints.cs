using System.Net;
using System.Text;
using System.Text.Json;

namespace FiveSocieties.ChannelStandIns.WeChat;

public static class WeChatStandInEndpoints
{
    /// <summary>
    /// The official account's API paths (token, stable_token, bizsend, the web OAuth authorize and
    /// code exchange) as the platform serves them, and "/standin/wechat…" for tests and people:
    /// a page of what arrived, the messages as JSON, refusals to answer with, tokens to expire.
    /// </summary>
    public static void MapWeChatStandIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cgi-bin/token", (string? grant_type, string? appid, string? secret, WeChatStandIn wechat) =>
            Answer(wechat.Token(grant_type, appid, secret)));
        app.MapPost("/cgi-bin/stable_token", async (HttpRequest request, WeChatStandIn wechat) =>
        {
            var body = await ReadAsync<Dictionary<string, JsonElement>>(request) ?? [];
            string? Value(string name) => body.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return Answer(wechat.Token(Value("grant_type"), Value("appid"), Value("secret")));
        }).DisableAntiforgery();
        app.MapPost("/cgi-bin/message/subscribe/bizsend", async (string? access_token, HttpRequest request, WeChatStandIn wechat) =>
            Answer(wechat.Send(access_token, await ReadAsync<BizSend>(request)))).DisableAntiforgery();

        // The platform's authorize page asks the person in WeChat; the stand-in says yes at once,
        // for the follower the request names (standin_openid) or its default one.
        app.MapGet("/connect/oauth2/authorize", (string? appid, string? redirect_uri, string? response_type, string? scope, string? state,
            string? standin_openid, WeChatStandIn wechat) =>
        {
            if (appid != wechat.Settings.AppId || response_type != "code" || scope is not ("snsapi_base" or "snsapi_userinfo")
                || !Uri.TryCreate(redirect_uri, UriKind.Absolute, out var back))
                return Results.Content("<p>参数错误 · bad authorize request (appid, redirect_uri, response_type=code, scope)</p>", "text/html; charset=utf-8",
                    statusCode: 400);
            var code = wechat.IssueCode(string.IsNullOrEmpty(standin_openid) ? wechat.Settings.DefaultOpenId : standin_openid);
            var separator = string.IsNullOrEmpty(back.Query) ? "?" : "&";
            return Results.Redirect($"{back}{separator}code={code}&state={Uri.EscapeDataString(state ?? "")}");
        });
        app.MapGet("/sns/oauth2/access_token", (string? appid, string? secret, string? code, string? grant_type, WeChatStandIn wechat) =>
            Answer(wechat.ExchangeCode(appid, secret, code, grant_type)));

        app.MapGet("/standin/wechat", (WeChatStandIn wechat) => Results.Content(Page(wechat), "text/html; charset=utf-8"));
        app.MapGet("/standin/wechat/messages", (WeChatStandIn wechat, string? openId) =>
            Results.Ok(openId is null ? wechat.Received : wechat.To(openId).ToList()));
        app.MapPost("/standin/wechat/refusals", (WeChatRefusalRule rule, WeChatStandIn wechat) =>
        {
            wechat.Refuse(rule);
            return Results.NoContent();
        });
        app.MapPost("/standin/wechat/tokens/expire", (WeChatStandIn wechat) =>
        {
            wechat.ExpireTokens();
            return Results.NoContent();
        });
        app.MapDelete("/standin/wechat", (WeChatStandIn wechat) =>
        {
            wechat.Clear();
            return Results.NoContent();
        });
    }

    // The platform answers in snake_case, always with HTTP 200 (errors are in errcode).
    private static IResult Answer(object body) => Results.Json(body, (JsonSerializerOptions?)null);

    private static async Task<T?> ReadAsync<T>(HttpRequest request) where T : class
    {
        try { return await JsonSerializer.DeserializeAsync<T>(request.Body); }
        catch (JsonException) { return null; }
    }

    private static string Page(WeChatStandIn wechat)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>微信公众号替身 · WeChat stand-in</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}
            .tool{background:#fff3cd;padding:.6em;border:1px solid #e0c060}</style></head><body>
            <p class="tool">开发工具：本地微信公众号接口替身，并非真实的微信平台。Development tool: a local stand-in for the WeChat official-account API, loopback only.</p>
            <h1>收到的订阅通知 · Subscription notifications received</h1><table><tr><th>时间 At (UTC)</th><th>openid</th><th>模板 Template</th><th>内容 Data</th><th>页面 Page</th><th>errcode</th></tr>
            """);
        foreach (var m in wechat.Received.Reverse())
            html.Append("<tr>").Append(Cell(m.At.ToString("yyyy-MM-dd HH:mm:ss"))).Append(Cell(m.OpenId)).Append(Cell(m.TemplateId))
                .Append(Cell(string.Join("，", m.Data.Select(p => $"{p.Key}={p.Value}")))).Append(Cell(m.Page ?? "")).Append(Cell(m.ErrCode.ToString()))
                .Append("</tr>");
        return html.Append("</table></body></html>").ToString();
    }

    private static string Cell(string text) => "<td>" + WebUtility.HtmlEncode(text) + "</td>";
}
