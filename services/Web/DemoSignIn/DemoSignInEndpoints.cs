using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Web.Sessions;
using Microsoft.AspNetCore.Authentication;

namespace FiveSocieties.Web.DemoSignIn;

/// <summary>POST /auth/demo-sign-in.</summary>
public sealed record DemoSignInRequest(Guid? PersonId);

/// <summary>
/// The demo sign-in: pick anyone on the rosters and be them. Only in Development; elsewhere the
/// routes do not exist (404).
/// </summary>
public static class DemoSignInEndpoints
{
    public static WebApplicationBuilder AddDemoSignIn(this WebApplicationBuilder builder, WebSettings settings)
    {
        if (!builder.Environment.IsDevelopment()) return builder;
        // The rosters are read from each service's first replica: a development convenience, not balanced.
        builder.Services.AddHttpClient(DemoRoster.CasesClient, client => client.BaseAddress = new Uri(ServiceAddresses.Replicas(settings.Services.Cases)[0]));
        builder.Services.AddHttpClient(DemoRoster.VolunteersClient, client =>
        {
            client.BaseAddress = new Uri(ServiceAddresses.Replicas(settings.Services.Volunteers)[0]);
            // The sign-in page waits on this list: a Volunteers service that does not answer is skipped, not waited for.
            client.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddHttpClient(DemoRoster.MatchingClient, client =>
        {
            client.BaseAddress = new Uri(ServiceAddresses.Replicas(settings.Services.Matching)[0]);
            client.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddSingleton<DemoRoster>();
        return builder;
    }

    public static WebApplication MapDemoSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapGet("/auth/demo-people", async (DemoRoster roster, HttpContext http) =>
                await PeopleOrProblemAsync(roster, http) is { } people ? Results.Ok(people) : Results.Empty)
            .WithSummary("Development: everyone on the station and district rosters, a few volunteers of each station and a few providers of each district, to sign in as.");

        app.MapPost("/auth/demo-sign-in", async (DemoSignInRequest? request, DemoRoster roster, HttpContext http) =>
        {
            // No session yet, so no CSRF token: a cross-site form post is refused by where it comes from.
            if (!CsrfGuard.IsSameOrigin(http.Request))
                return new ProblemResult(h => WebProblems.WriteAsync(h, StatusCodes.Status403Forbidden, "session.cross-site",
                    ("不接受来自其他网站的登录请求", "Sign-in from another site is refused"),
                    ("演示登录只能在本站页面上进行。", "The demo sign-in works only from this site's own pages.")));
            if (request?.PersonId is not { } personId || personId == Guid.Empty)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = ["is required: the id of a person on a roster (GET /auth/demo-people)."] });
            if (await PeopleOrProblemAsync(roster, http) is not { } people) return Results.Empty;
            if (people.FirstOrDefault(p => p.PersonId == personId) is not { } person)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = [$"{personId} is on no station's or district's roster."] });

            var principal = SessionClaims.Principal(person.PersonId, person.Name, [person.Role], person.StationId, person.DistrictCode, "demo",
                person.ProviderId);
            await http.SignInAsync(SessionSetup.CookieScheme, principal);
            return Results.Ok(SessionClaims.Describe(principal));
        }).WithSummary("Development: sign in as a person on a roster; answers as GET /auth/me.");
        return app;
    }

    /// <summary>The roster, or null once a 503 saying Cases does not answer has been written.</summary>
    private static async Task<IReadOnlyList<DemoPerson>?> PeopleOrProblemAsync(DemoRoster roster, HttpContext http)
    {
        try
        {
            return await roster.PeopleAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.Headers.RetryAfter = "5";
            await WebProblems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "service.unavailable",
                ("个案服务暂时无法访问", "The Cases service is not answering"),
                ("无法读取人员名册，请稍后重试。", "The rosters cannot be read now; try again shortly."));
            return null;
        }
    }
}
