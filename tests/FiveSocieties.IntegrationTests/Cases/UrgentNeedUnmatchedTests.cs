using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using Case = FiveSocieties.Cases.Cases.Case;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>The Cases service on a clock the test moves, with its unmatched-need wait set to two hours, and a probe for what it tells.</summary>
public sealed class CasesWithShortUnmatchedWait : IAsyncLifetime
{
    public static readonly TimeSpan Wait = TimeSpan.FromHours(2);
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Host { get; private set; } = null!;
    public ContractProbe Neighbours { get; private set; } = null!;
    public Guid Station { get; } = Guid.NewGuid();
    public Guid Caseworker { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Neighbours = await ContractProbe.StartAsync(Isolation);
        Host = await new ServiceHost<Case>("cases", Isolation, services => services.AddSingleton<TimeProvider>(Clock),
            new Dictionary<string, string> { ["Cases:UrgentNeedUnmatchedAfter"] = Wait.ToString() }).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Neighbours is not null) await Neighbours.DisposeAsync();
        await Isolation.DisposeAsync();
    }

    /// <summary>The fixture's caseworker, with a token that outlives the hours the clock is moved.</summary>
    public HttpClient CaseworkerClient()
    {
        var client = Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), Caseworker, [Roles.Caseworker], Station, lifetime: TimeSpan.FromDays(60));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>An urgent need that waits too long for an offer raises an alarm: once, not before its time, never for a need already met or withdrawn.</summary>
public sealed class UrgentNeedUnmatchedTests(CasesWithShortUnmatchedWait cases) : IClassFixture<CasesWithShortUnmatchedWait>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private HttpClient Caseworker => cases.CaseworkerClient();

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, cases.Caseworker, cases.Station))).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<Guid> RaiseAsync(Guid caseId, string category, string urgency = "Urgent")
    {
        var needId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category, urgency })).EnsureSuccessStatusCode();
        return needId;
    }

    private async Task<IReadOnlyDictionary<Guid, JsonElement>> NeedsAsync(Guid caseId) =>
        (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("needs").EnumerateArray()
            .ToDictionary(n => n.GetProperty("id").GetGuid());

    private static bool Alarmed(JsonElement need) => need.TryGetProperty("leftUnmatchedAt", out var at) && at.ValueKind != JsonValueKind.Null;

    private Task<IReadOnlyDictionary<Guid, JsonElement>> AlarmedAsync(Guid caseId, Guid needId) =>
        Eventually.Until(() => NeedsAsync(caseId), needs => Alarmed(needs[needId]), $"need {needId} alarmed");

    private async Task<IReadOnlyList<string>> UnmatchedOnTimelineAsync(Guid caseId) =>
        (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "UrgentNeedLeftUnmatched").Select(e => e.GetProperty("summary").GetString()!).ToList();

    private IReadOnlyList<V1.UrgentNeedUnmatched> Told(Guid needId) =>
        cases.Neighbours.Received.Of<V1.UrgentNeedUnmatched>().Where(u => u.NeedId == needId).ToList();

    private Task ToldAsync(Guid needId) => Eventually.Until(() => Task.FromResult(Told(needId)), t => t.Count > 0, $"UrgentNeedUnmatched for {needId}");

    [Fact]
    public async Task An_urgent_need_unmatched_past_the_configured_wait_is_told_once_and_not_before()
    {
        var caseId = await OpenCaseAsync();
        var meals = await RaiseAsync(caseId, "MealDelivery");
        var mealsRaisedAt = cases.Clock.GetUtcNow();
        cases.Clock.Advance(TimeSpan.FromHours(1));
        var company = await RaiseAsync(caseId, "Companionship");

        // Past the meals' wait, not yet past the later need's: one case, one decision, so the later one's fate is known with the first's.
        cases.Clock.Advance(TimeSpan.FromHours(1) + Minute);
        var needs = await AlarmedAsync(caseId, meals);
        Alarmed(needs[company]).ShouldBeFalse("it has waited an hour and a minute of its two");
        await ToldAsync(meals);
        var told = Told(meals).ShouldHaveSingleItem();
        (told.CaseId, told.StationId, told.CaseworkerId, told.Category, told.RaisedAt)
            .ShouldBe((caseId, cases.Station, cases.Caseworker, V1.NeedCategory.MealDelivery, mealsRaisedAt));
        told.OccurredAt.ShouldBe(mealsRaisedAt + CasesWithShortUnmatchedWait.Wait + Minute);

        // The next sweep past the later need's wait tells it, and the first need not again.
        cases.Clock.Advance(TimeSpan.FromHours(1));
        await AlarmedAsync(caseId, company);
        var timeline = await UnmatchedOnTimelineAsync(caseId);
        timeline.Count.ShouldBe(2, string.Join(" | ", timeline));
        timeline.ShouldContain(s => s.Contains("紧急助餐送餐需求") && s.Contains("2 小时")); // zh-CN: the default reader
        timeline.ShouldContain(s => s.Contains("陪伴探访"));
        await ToldAsync(company);
        Told(meals).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_matched_withdrawn_or_less_than_urgent_need_raises_no_alarm()
    {
        var caseId = await OpenCaseAsync();
        var matched = await RaiseAsync(caseId, "MealDelivery");
        var withdrawn = await RaiseAsync(caseId, "Companionship");
        var soon = await RaiseAsync(caseId, "HomeCleaning", "Soon");
        var waiting = await RaiseAsync(caseId, "Counselling");
        await cases.Neighbours.PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), cases.Clock.GetUtcNow(), Guid.NewGuid(), matched, caseId,
            cases.Station, cases.Caseworker, Guid.NewGuid(), Guid.NewGuid(), "天镇县长者食堂", V1.NeedCategory.MealDelivery, null, null));
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs/{withdrawn}/withdraw", new { reason = "her son came home" })).EnsureSuccessStatusCode();
        await Eventually.Until(() => NeedsAsync(caseId), n => n[matched].GetProperty("status").GetString() == "Matched", "the need matched");

        cases.Clock.Advance(CasesWithShortUnmatchedWait.Wait + Minute);
        var needs = await AlarmedAsync(caseId, waiting);
        foreach (var quiet in new[] { matched, withdrawn, soon }) Alarmed(needs[quiet]).ShouldBeFalse();
        (await UnmatchedOnTimelineAsync(caseId)).ShouldHaveSingleItem().ShouldContain("心理疏导");
        await ToldAsync(waiting);
        foreach (var quiet in new[] { matched, withdrawn, soon }) Told(quiet).ShouldBeEmpty();
    }
}
