using System.Net;
using System.Text;

namespace FiveSocieties.ChannelStandIns.Sms;

/// <summary>What a test or a person types as the household's reply.</summary>
public sealed record StandInReply(string Phone, string Content);

public static class SmsStandInEndpoints
{
    /// <summary>
    /// "/" speaks Dysmsapi (GET with the parameters in the query, or POST with them as a form) and,
    /// opened in a browser without an Action, shows what it received. "/standin/sms/…" is for tests
    /// and people: the messages as JSON, and failures to answer with.
    /// </summary>
    public static void MapSmsStandIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpRequest request, SmsStandIn sms) => request.Query.ContainsKey("Action")
            ? Answer(sms.Send("GET", request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList()))
            : Results.Content(Page(sms), "text/html; charset=utf-8"));
        app.MapPost("/", async (HttpRequest request, SmsStandIn sms) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            var parameters = request.Query.Concat(form ?? Enumerable.Empty<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>())
                .Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList();
            return Answer(sms.Send("POST", parameters));
        }).DisableAntiforgery();
        app.MapGet("/standin/sms/messages", (SmsStandIn sms, string? phone) =>
            Results.Ok(phone is null ? sms.Received : sms.To(phone).ToList()));
        app.MapPost("/standin/sms/failures", (SmsFailure failure, SmsStandIn sms) =>
        {
            sms.Fail(failure);
            return Results.NoContent();
        });
        // A household replying to a message, so the demo and the tests exercise the reply callback end to end.
        app.MapPost("/standin/sms/replies", async (StandInReply reply, SmsStandIn sms, CancellationToken ct) =>
        {
            var (status, body) = await sms.PushReplyAsync(reply.Phone, reply.Content, ct);
            return Results.Json(new { callbackStatus = status, callbackBody = body });
        });
        app.MapDelete("/standin/sms", (SmsStandIn sms) =>
        {
            sms.Clear();
            return Results.NoContent();
        });
    }

    // The platform's answers are PascalCase ({"Code":"OK","BizId":…}), not the web default's camelCase.
    private static readonly System.Text.Json.JsonSerializerOptions PlatformJson = new() { PropertyNamingPolicy = null };

    private static IResult Answer((int Status, object Body) answer) => Results.Json(answer.Body, PlatformJson, statusCode: answer.Status);

    private static string Page(SmsStandIn sms)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>短信平台替身 · SMS stand-in</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}
            .tool{background:#fff3cd;padding:.6em;border:1px solid #e0c060}</style></head><body>
            <p class="tool">开发工具：本地短信平台替身，并非真实的阿里云短信服务。Development tool: a local stand-in for Alibaba Cloud SMS, loopback only.</p>
            <p><a href="/standin/wechat">微信公众号替身 · the WeChat stand-in</a></p>
            <h1>收到的短信 · Messages received</h1><table><tr><th>时间 At (UTC)</th><th>号码 Number</th><th>签名 Sign</th><th>模板 Template</th><th>参数 Parameters</th><th>结果 Code</th><th>回执 Receipt</th></tr>
            """);
        foreach (var m in sms.Received.Reverse())
            html.Append("<tr>").Append(Cell(m.At.ToString("yyyy-MM-dd HH:mm:ss"))).Append(Cell(m.PhoneNumber)).Append(Cell(m.SignName))
                .Append(Cell(m.TemplateCode)).Append(Cell(string.Join("，", m.Parameters.Select(p => $"{p.Key}={p.Value}"))))
                .Append(Cell(m.Code)).Append(Cell(m.Receipt ?? "")).Append("</tr>");
        return html.Append("</table></body></html>").ToString();
    }

    private static string Cell(string text) => "<td>" + WebUtility.HtmlEncode(text) + "</td>";
}
