using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// What every service puts in front of its routes — rate limits, security headers, closed CORS,
/// the request body limit, field-by-field answers to bad JSON — as deployed: on Kestrel, outside
/// the Development environment (where the framework would throw binding failures to us anyway).
/// </summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private ServiceHost<Case> _cases = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        // A tiny budget so the test reaches it: 2 requests at once per user, refilled only after an hour,
        // so however slow the machine no token comes back mid-test.
        _cases = await new ServiceHost<Case>("cases", _isolation, services => services.PostConfigure<RateLimitSettings>(limits =>
        {
            limits.PerUserBurst = 2;
            limits.PerUserPerSecond = 1;
            limits.RefillPeriod = TimeSpan.FromHours(1);
        }), environment: "Staging").OnKestrel().StartAsync();
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
        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);

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

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_problem_details_whether_its_length_is_declared_or_not()
    {
        var admin = _cases.ClientAs(Roles.Admin);
        var stationId = Guid.NewGuid();
        var oversized = Encoding.UTF8.GetBytes($"{{\"stationId\":\"{stationId}\",\"name\":\"{new string('x', 1_100_000)}\"}}");

        using var declared = new ByteArrayContent(oversized);
        declared.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await ShouldBeTooLarge(await admin.PostAsync("/stations", declared));

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/stations") { Content = new ByteArrayContent(oversized) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await ShouldBeTooLarge(await admin.SendAsync(chunked));

        // Nothing was written: the station does not exist (asked by another admin: this class's rate budget is 2 at once).
        (await _cases.ClientAs(Roles.Admin).GetAsync($"/stations/{stationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        static async Task ShouldBeTooLarge(HttpResponseMessage response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("detail").GetString()!.ShouldContain("1048576");
        }
    }

    [Fact]
    public async Task Bad_JSON_is_answered_field_by_field_outside_Development_too()
    {
        var admin = _cases.ClientAs(Roles.Admin);
        using var body = new StringContent("""{"stationId":"not-an-id","districtCode":"140213","townshipCode":140213001,"name":"平城街道社工站"}""",
            Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/stations", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("stationId", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("townshipCode", out _).ShouldBeTrue(errors.ToString());
    }

    [Fact]
    public async Task A_URL_too_long_to_read_is_refused_with_414_problem_details()
    {
        using var response = await _cases.ClientAs(Roles.Admin).GetAsync("/stations/" + new string('x', 9_000));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(414);
        problem.GetProperty("detail").GetString()!.ShouldContain("8192");
    }

    [Fact]
    public async Task A_bad_query_value_is_named_and_quoted_only_in_part()
    {
        var value = "2026-" + new string('9', 5_000);
        using var response = await _cases.ClientAs(Roles.Supervisor, stationId: Guid.NewGuid())
            .GetAsync($"/cases/{Guid.NewGuid()}?asOf={value}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Length.ShouldBeLessThan(1_000, body);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("asOf")[0].GetString()!;
        message.ShouldContain(value[..40] + "…");
        message.ShouldNotContain(value[..41]);
    }
}
