using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>What every service puts in front of its routes: rate limits, security headers, closed CORS.</summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private ServiceHost<Case> _cases = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        // A tiny budget so the test reaches it: 2 requests at once per user, 1 more per second.
        _cases = await new ServiceHost<Case>("cases", _isolation, services => services.PostConfigure<RateLimitSettings>(limits =>
        {
            limits.PerUserBurst = 2;
            limits.PerUserPerSecond = 1;
        })).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _cases.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    [Fact]
    public async Task A_user_over_their_budget_gets_429_with_Retry_After_while_another_user_is_still_served()
    {
        var eager = _cases.ClientAs(Roles.Admin);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await eager.GetAsync("/coverage")).StatusCode);
        statuses.Take(2).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);

        var refused = await eager.GetAsync("/coverage");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThanOrEqualTo(1);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rule").GetString().ShouldBe("rate-limit");

        (await _cases.ClientAs(Roles.Admin).GetAsync("/coverage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Health is never limited: an orchestrator's probes must not be refused.
        for (var i = 0; i < 5; i++) (await _cases.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_origin_is_allowed_cross_site()
    {
        using var response = await _cases.ClientAs(Roles.Admin).GetAsync("/coverage");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/cases");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await _cases.CreateClient().SendAsync(preflight);
        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
