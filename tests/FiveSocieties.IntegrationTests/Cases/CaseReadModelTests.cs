using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Caseload, open needs, overdue visits and the station dashboard over HTTP, on a host whose
/// clock the test moves: a station is built through the API, then time passes without sleeping.
/// Each test has its own station and caseworker, so the shared host and clock do not mix them.
/// </summary>
public sealed class CaseReadModelTests(FakeClockCasesService cases) : IClassFixture<FakeClockCasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworkerId = Guid.NewGuid();

    private HttpClient Caseworker => ClientAs(Roles.Caseworker, _caseworkerId, _station);
    private HttpClient Supervisor => ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);

    // Tokens outlive the weeks the clock is moved, whichever clock the token check reads.
    private HttpClient ClientAs(string role, Guid userId, Guid? stationId)
    {
        var client = cases.Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId, [role], stationId, lifetime: TimeSpan.FromDays(90));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private DateTimeOffset Now => cases.Clock.GetUtcNow();

    private static async Task Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> GetJson(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<Guid> OpenCaseAsync(string group = "Elderly", string[]? categories = null, Guid? caseworkerId = null)
    {
        var caseId = Guid.NewGuid();
        await Ok(Supervisor.PostAsJsonAsync("/cases", new
        {
            caseId, stationId = _station, caseworkerId = caseworkerId ?? _caseworkerId, clientGroup = group,
            categories = categories ?? ["EmptyNest", "LivesAlone"],
            location = new { district = "广灵县", township = "壶泉镇", grid = "HQ-1" },
        }));
        return caseId;
    }

    // ADL 100 → Low, 80 → Medium, 30 → High, for a client living alone (see AbilityAndRisk).
    private Task AssessAsync(Guid caseId, int adl) =>
        Ok(Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", AssessmentPlanAndVisitTests.Assessment(adl)));

    private async Task AdoptPlanAsync(Guid caseId, string frequency = "Weekly")
    {
        await Ok(Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan",
            AssessmentPlanAndVisitTests.Plan(frequency, DateOnly.FromDateTime(Now.UtcDateTime).AddMonths(6))));
        await Ok(Supervisor.PostAsync($"/cases/{caseId}/service-plan/approve", null));
    }

    private async Task<Guid> RaiseNeedAsync(Guid caseId, string category, string urgency = "Routine")
    {
        var needId = Guid.NewGuid();
        await Ok(Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category, urgency }));
        // Needs are stamped with the clock: an hour apart, "oldest first" is unambiguous.
        cases.Clock.Advance(TimeSpan.FromHours(1));
        return needId;
    }

    private Task CloseAsync(Guid caseId) => Ok(Caseworker.PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "moved to a care home" }));

    // The service leaves nulls out of its JSON.
    private static bool IsNull(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static Guid[] Ids(JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetGuid()).ToArray();

    [Fact]
    public async Task A_caseload_lists_the_open_cases_most_urgent_first_with_risk_needs_and_visit_due()
    {
        var start = Now;
        var overdueLowRisk = await OpenCaseAsync();
        await AssessAsync(overdueLowRisk, 100);
        await AdoptPlanAsync(overdueLowRisk);
        cases.Clock.Advance(TimeSpan.FromDays(3));
        var highRisk = await OpenCaseAsync();
        await AssessAsync(highRisk, 30);
        await AdoptPlanAsync(highRisk);
        var unassessedChild = await OpenCaseAsync("Child", ["LeftBehind"]);
        var mediumRisk = await OpenCaseAsync();
        await AssessAsync(mediumRisk, 80);
        await RaiseNeedAsync(mediumRisk, "MealDelivery", "Urgent");
        await RaiseNeedAsync(mediumRisk, "Companionship");
        var closed = await OpenCaseAsync();
        await AssessAsync(closed, 30);
        await CloseAsync(closed);
        await OpenCaseAsync(caseworkerId: Guid.NewGuid()); // a colleague's case at the same station
        cases.Clock.Advance(TimeSpan.FromDays(5)); // the first weekly visit is now a day overdue

        var caseload = await GetJson(Caseworker, $"/caseworkers/{_caseworkerId}/caseload");

        var list = caseload.GetProperty("cases");
        Ids(list, "caseId").ShouldBe([overdueLowRisk, highRisk, mediumRisk, unassessedChild]);
        var first = list[0];
        first.GetProperty("visitOverdue").GetBoolean().ShouldBeTrue();
        first.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(start.AddDays(7));
        first.GetProperty("riskLevel").GetString().ShouldBe("Low");
        list[1].GetProperty("visitOverdue").GetBoolean().ShouldBeFalse();
        list[1].GetProperty("riskLevel").GetString().ShouldBe("High");
        var medium = list[2];
        medium.GetProperty("clientGroup").GetString().ShouldBe("Elderly");
        medium.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["EmptyNest", "LivesAlone"]);
        medium.GetProperty("abilityLevel").GetInt32().ShouldBe(1);
        medium.GetProperty("openNeeds").GetInt32().ShouldBe(2);
        medium.GetProperty("openNeedCategories").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["MealDelivery", "Companionship"], ignoreOrder: true);
        IsNull(medium, "nextVisitDue").ShouldBeTrue();
        list[3].GetProperty("clientGroup").GetString().ShouldBe("Child");
        IsNull(list[3], "riskLevel").ShouldBeTrue();

        // Their supervisor sees the same list; an admin too.
        Ids((await GetJson(Supervisor, $"/caseworkers/{_caseworkerId}/caseload")).GetProperty("cases"), "caseId")
            .ShouldBe([overdueLowRisk, highRisk, mediumRisk, unassessedChild]);
        Ids((await GetJson(ClientAs(Roles.Admin, Guid.NewGuid(), null), $"/caseworkers/{_caseworkerId}/caseload")).GetProperty("cases"), "caseId")
            .ShouldBe([overdueLowRisk, highRisk, mediumRisk, unassessedChild]);
    }

    [Fact]
    public async Task A_caseload_is_the_caseworkers_own_or_their_station_supervisors()
    {
        await OpenCaseAsync();
        var path = $"/caseworkers/{_caseworkerId}/caseload";

        (await ClientAs(Roles.Caseworker, Guid.NewGuid(), _station).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var otherStation = Guid.NewGuid();
        (await ClientAs(Roles.Caseworker, Guid.NewGuid(), otherStation).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ClientAs(Roles.Supervisor, Guid.NewGuid(), otherStation).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ClientAs(Roles.Volunteer, Guid.NewGuid(), null).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Open_needs_are_the_stations_live_needs_oldest_first_and_narrow_by_category()
    {
        var elderly = await OpenCaseAsync();
        var meal = await RaiseNeedAsync(elderly, "MealDelivery", "Urgent");
        var child = await OpenCaseAsync("Child", ["LeftBehind"]);
        var tutoring = await RaiseNeedAsync(child, "Tutoring");
        var withdrawnOnes = await OpenCaseAsync();
        var cleaning = await RaiseNeedAsync(withdrawnOnes, "HomeCleaning");
        await Ok(Caseworker.PostAsJsonAsync($"/cases/{withdrawnOnes}/needs/{cleaning}/withdraw", new { reason = "family helps now" }));
        var company = await RaiseNeedAsync(elderly, "Companionship");
        var closed = await OpenCaseAsync();
        await RaiseNeedAsync(closed, "Escort");
        await CloseAsync(closed);

        var needs = await GetJson(Caseworker, $"/stations/{_station}/open-needs");
        Ids(needs, "needId").ShouldBe([meal, tutoring, company]);
        needs[0].GetProperty("caseId").GetGuid().ShouldBe(elderly);
        needs[0].GetProperty("category").GetString().ShouldBe("MealDelivery");
        needs[0].GetProperty("urgency").GetString().ShouldBe("Urgent");
        needs[0].GetProperty("status").GetString().ShouldBe("Open");
        needs[0].GetProperty("raisedAt").GetDateTimeOffset().ShouldBeLessThan(needs[1].GetProperty("raisedAt").GetDateTimeOffset());

        Ids(await GetJson(Supervisor, $"/stations/{_station}/open-needs?category=Tutoring"), "needId").ShouldBe([tutoring]);
        var invalid = await Caseworker.GetAsync($"/stations/{_station}/open-needs?category=Knitting");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("category", out _).ShouldBeTrue();

        // Another station's staff: as if the station did not exist.
        (await ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/stations/{_station}/open-needs"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overdue_visits_appear_when_the_clock_passes_the_due_date_and_leave_with_a_visit()
    {
        var weekly = await OpenCaseAsync();
        await AssessAsync(weekly, 30);
        await AdoptPlanAsync(weekly);
        var adoptedAt = Now;
        var monthly = await OpenCaseAsync();
        await AdoptPlanAsync(monthly, "Monthly");
        var path = $"/stations/{_station}/overdue-visits";

        (await GetJson(Supervisor, path)).GetArrayLength().ShouldBe(0);
        cases.Clock.Advance(TimeSpan.FromDays(7));
        (await GetJson(Supervisor, path)).GetArrayLength().ShouldBe(0, "due, not yet overdue");

        cases.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1)));
        var overdue = await GetJson(Supervisor, path);
        var only = overdue.EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("caseId").GetGuid().ShouldBe(weekly);
        only.GetProperty("caseworkerId").GetGuid().ShouldBe(_caseworkerId);
        only.GetProperty("daysOverdue").GetInt32().ShouldBe(2);
        only.GetProperty("nextVisitDue").GetDateTimeOffset().ShouldBe(adoptedAt.AddDays(7));
        only.GetProperty("riskLevel").GetString().ShouldBe("High");
        (await GetJson(Caseworker, $"/stations/{_station}/dashboard")).GetProperty("overdueVisits").GetInt32().ShouldBe(1);

        await Ok(Caseworker.PostAsJsonAsync($"/cases/{weekly}/visits", new { visitedAt = Now, observations = "all well", concernsRaised = false }));
        (await GetJson(Supervisor, path)).GetArrayLength().ShouldBe(0);
        (await GetJson(Caseworker, $"/stations/{_station}/dashboard")).GetProperty("overdueVisits").GetInt32().ShouldBe(0);

        (await ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_dashboard_counts_the_stations_open_cases_needs_and_the_last_30_days()
    {
        var lonely = await OpenCaseAsync(categories: ["LivesAlone", "AdvancedAge"]);
        await AssessAsync(lonely, 30);
        await RaiseNeedAsync(lonely, "MealDelivery");
        await RaiseNeedAsync(lonely, "Companionship");
        var child = await OpenCaseAsync("Child", ["LeftBehind"]);
        await RaiseNeedAsync(child, "Tutoring");
        await OpenCaseAsync();
        var closed = await OpenCaseAsync();
        await RaiseNeedAsync(closed, "Escort");
        await CloseAsync(closed);
        var path = $"/stations/{_station}/dashboard";

        var dashboard = await GetJson(Supervisor, path);

        dashboard.GetProperty("openCases").GetInt32().ShouldBe(3);
        dashboard.GetProperty("openCasesByClientGroup").GetProperty("Elderly").GetInt32().ShouldBe(2);
        dashboard.GetProperty("openCasesByClientGroup").GetProperty("Child").GetInt32().ShouldBe(1);
        var byCategory = dashboard.GetProperty("openCasesByCategory");
        byCategory.GetProperty("LivesAlone").GetInt32().ShouldBe(2);
        byCategory.GetProperty("EmptyNest").GetInt32().ShouldBe(1);
        byCategory.GetProperty("AdvancedAge").GetInt32().ShouldBe(1);
        byCategory.GetProperty("LeftBehind").GetInt32().ShouldBe(1);
        var byRisk = dashboard.GetProperty("openCasesByRiskLevel");
        byRisk.GetProperty("High").GetInt32().ShouldBe(1);
        byRisk.GetProperty("Low").GetInt32().ShouldBe(0);
        byRisk.GetProperty("Unassessed").GetInt32().ShouldBe(2);
        var needs = dashboard.GetProperty("openNeedsByCategory");
        needs.GetProperty("MealDelivery").GetInt32().ShouldBe(1);
        needs.GetProperty("Companionship").GetInt32().ShouldBe(1);
        needs.GetProperty("Tutoring").GetInt32().ShouldBe(1);
        needs.GetProperty("Escort").GetInt32().ShouldBe(0, "closing the case withdrew it");
        dashboard.GetProperty("overdueVisits").GetInt32().ShouldBe(0);
        dashboard.GetProperty("casesOpenedLast30Days").GetInt32().ShouldBe(4);
        dashboard.GetProperty("casesClosedLast30Days").GetInt32().ShouldBe(1);
        dashboard.GetProperty("missedDeliveriesLast7Days").GetInt32().ShouldBe(0);
        dashboard.GetProperty("safetyChecksRequired").GetInt32().ShouldBe(0);

        cases.Clock.Advance(TimeSpan.FromDays(31));
        var later = await GetJson(ClientAs(Roles.Admin, Guid.NewGuid(), null), path);
        later.GetProperty("openCases").GetInt32().ShouldBe(3);
        later.GetProperty("casesOpenedLast30Days").GetInt32().ShouldBe(0);
        later.GetProperty("casesClosedLast30Days").GetInt32().ShouldBe(0);

        (await ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid()).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_columns_the_read_models_filter_on_are_indexed_so_a_city_of_cases_is_not_scanned()
    {
        await using var session = cases.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var indexes = await session.AdvancedSql.QueryAsync<string>(
            "select indexdef from pg_indexes where schemaname = ? and tablename = 'mt_doc_case'", CancellationToken.None, cases.Host.Schema);

        foreach (var column in new[] { "station_id", "caseworker_id", "status" })
            indexes.ShouldContain(i => i.Contains($"({column})"), column);
    }
}
