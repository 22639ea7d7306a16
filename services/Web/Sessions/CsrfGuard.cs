using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.Web.Sessions;

/// <summary>
/// Unsafe requests (anything but GET, HEAD, OPTIONS, TRACE) of a signed-in session must carry
/// X-CSRF-Token equal to the session's token: another site can make the browser send the cookie,
/// but cannot read the token to echo it.
/// </summary>
public static class CsrfGuard
{
    public const string Header = "X-CSRF-Token";

    public static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    public static bool Allows(HttpContext http)
    {
        if (!IsUnsafe(http.Request.Method)) return true;
        var expected = http.User.FindFirstValue(SessionClaims.Csrf);
        var sent = http.Request.Headers[Header].ToString();
        return !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(sent)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(sent));
    }

    public static Task RefuseAsync(HttpContext http) => WebProblems.WriteAsync(http, StatusCodes.Status403Forbidden, "session.csrf",
        ("请求缺少有效的防伪令牌", "The request lacks a valid anti-forgery token"),
        ($"修改数据的请求须在 {Header} 请求头中带上 /auth/me 返回的 csrfToken。请刷新页面后重试。",
         $"A request that changes data must send the csrfToken from /auth/me in the {Header} header. Reload the page and try again."));

    /// <summary>
    /// For a request that arrives without a session yet (the demo sign-in): refused when the
    /// browser says it comes from another site. Origin is compared by host and port.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
