using Microsoft.AspNetCore.Authentication;

namespace FiveSocieties.Web.Sessions;

/// <summary>GET /auth/me, POST /auth/sign-out, GET /auth/sign-in (OpenID Connect).</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/auth/me", (HttpContext http) => http.User.Identity?.IsAuthenticated == true
                ? Results.Ok(SessionClaims.Describe(http.User))
                : new ProblemResult(WebProblems.SignedOutAsync))
            .WithSummary("Who is signed in, and the CSRF token unsafe requests must echo in X-CSRF-Token; 401 when signed out.");

        app.MapPost("/auth/sign-out", async (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated == true && !CsrfGuard.Allows(http)) return new ProblemResult(CsrfGuard.RefuseAsync);
            await http.SignOutAsync(SessionSetup.CookieScheme);
            return Results.NoContent();
        }).WithSummary("Ends the session (the cookie is cleared).");

        app.MapGet("/auth/sign-in", async (HttpContext http, string? returnUrl, IAuthenticationSchemeProvider schemes) =>
        {
            if (await schemes.GetSchemeAsync(SessionSetup.OidcScheme) is null)
                return new ProblemResult(h => WebProblems.WriteAsync(h, StatusCodes.Status404NotFound, "session.no-authority",
                    ("未配置统一身份认证", "No sign-in authority is configured"),
                    ("本环境未配置 OpenID Connect（Auth:Authority、Web:Oidc:ClientId）；开发环境请使用演示登录。",
                     "OpenID Connect is not configured here (Auth:Authority, Web:Oidc:ClientId); in Development use the demo sign-in.")));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [SessionSetup.OidcScheme]);
        }).WithSummary("Sends the browser to the OpenID Connect authority; back at returnUrl (a path of this site) once signed in.");
        return app;
    }

    /// <summary>Only a path of this site: an absolute or protocol-relative address would make sign-in an open redirect.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}

/// <summary>A result written by one of the Web host's problem writers.</summary>
public sealed class ProblemResult(Func<HttpContext, Task> write) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => write(httpContext);
}
