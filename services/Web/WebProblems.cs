using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Web;

/// <summary>The Web host's own problem details, in the caller's language: zh-CN unless Accept-Language prefers English.</summary>
public static class WebProblems
{
    /// <summary>A problem with a stable <paramref name="code"/> (its "rule"), titled and explained in zh-CN or en.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, (string Zh, string En) title, (string Zh, string En) detail)
    {
        var english = http.AnswerInReaderLanguage() == ReaderLanguage.En;
        return Results.Problem(
            statusCode: status,
            title: english ? title.En : title.Zh,
            detail: english ? detail.En : detail.Zh,
            extensions: new Dictionary<string, object?> { ["rule"] = code })
            .ExecuteAsync(http);
    }

    public static Task NotFoundAsync(HttpContext http) => WriteAsync(http, StatusCodes.Status404NotFound, "not-found",
        ("未找到", "Not found"), ("没有这个地址。", "There is no such address."));

    public static Task SignedOutAsync(HttpContext http) => WriteAsync(http, StatusCodes.Status401Unauthorized, "session.signed-out",
        ("未登录", "Not signed in"),
        ("请先登录工作台，或登录已过期。", "Sign in to the workbench first; the session may have expired."));
}
