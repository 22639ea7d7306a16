using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>The Cases service on a clock the test moves: overdue visits without sleeping.</summary>
public sealed class FakeClockCasesService : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Host = await new ServiceHost<Case>("cases", Isolation, services => services.AddSingleton<TimeProvider>(Clock)).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

public sealed class VisitOverdueTests(FakeClockCasesService cases) : IClassFixture<FakeClockCasesService>
{
    private readonly Guid _station = Guid.NewGuid();

    // Tokens outlive the weeks the clock is moved, whichever clock the token check reads.
    private HttpClient ClientAs(string role)
    {
        var client = cases.Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), Guid.NewGuid(), [role], _station, lifetime: TimeSpan.FromDays(60));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> GetCaseAsync(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/cases/{caseId}");
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_visit_becomes_overdue_when_the_clock_passes_its_due_date_and_a_visit_clears_it()
    {
        var caseworker = ClientAs(Roles.Caseworker);
        var supervisor = ClientAs(Roles.Supervisor);
        var caseId = Guid.NewGuid();
        (await caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, caseworkerId: Guid.NewGuid(), stationId: _station)))
            .EnsureSuccessStatusCode();
        (await caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", AssessmentPlanAndVisitTests.Plan("Weekly",
            DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime).AddMonths(3)))).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null)).EnsureSuccessStatusCode();
        var adoptedAt = cases.Clock.GetUtcNow();

        var fresh = await GetCaseAsync(caseworker, caseId);
        fresh.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(adoptedAt.AddDays(7));
        fresh.GetProperty("visitOverdue").GetBoolean().ShouldBeFalse();

        cases.Clock.Advance(TimeSpan.FromDays(7));
        (await GetCaseAsync(caseworker, caseId)).GetProperty("visitOverdue").GetBoolean().ShouldBeFalse("due, not yet overdue");
        cases.Clock.Advance(TimeSpan.FromMinutes(1));
        (await GetCaseAsync(caseworker, caseId)).GetProperty("visitOverdue").GetBoolean().ShouldBeTrue();

        var visitedAt = cases.Clock.GetUtcNow();
        (await caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { visitedAt, observations = "all well", concernsRaised = false }))
            .EnsureSuccessStatusCode();
        var visited = await GetCaseAsync(caseworker, caseId);
        visited.GetProperty("visitOverdue").GetBoolean().ShouldBeFalse();
        visited.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(visitedAt.AddDays(7));
    }
}
