using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>The supervisor's two queues: plans awaiting approval and the station's access audit.</summary>
public sealed class SupervisorQueuesTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly Guid _supervisor = Guid.NewGuid();

    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, _caseworker, _station);
    private HttpClient Supervisor => cases.Host.ClientAs(Roles.Supervisor, _supervisor, _station);

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, _caseworker, _station))).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<Guid> ProposePlanAsync()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", AssessmentPlanAndVisitTests.Plan())).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<List<JsonElement>> ItemsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Proposed_plans_wait_in_the_queue_until_approved_or_sent_back_oldest_first()
    {
        var first = await ProposePlanAsync();
        var second = await ProposePlanAsync();
        var third = await ProposePlanAsync();
        await OpenCaseAsync(); // no plan: not in the queue

        var waiting = await ItemsAsync(Supervisor, $"/stations/{_station}/plans-awaiting-approval");
        waiting.Select(p => p.GetProperty("caseId").GetGuid()).ShouldBe([first, second, third]);
        waiting[0].GetProperty("goals").GetInt32().ShouldBe(2);
        waiting[0].GetProperty("visitFrequency").GetString().ShouldBe("Weekly");
        waiting[0].GetProperty("proposedBy").GetGuid().ShouldBe(_caseworker);
        waiting[0].GetProperty("grid").GetString().ShouldBe("NHB-03");
        waiting[0].TryGetProperty("goalsText", out _).ShouldBeFalse();

        (await Supervisor.PostAsync($"/cases/{first}/service-plan/approve", null)).EnsureSuccessStatusCode();
        (await Supervisor.PostAsJsonAsync($"/cases/{second}/service-plan/send-back", new { reason = "add counselling" })).EnsureSuccessStatusCode();

        (await ItemsAsync(Supervisor, $"/stations/{_station}/plans-awaiting-approval")).Select(p => p.GetProperty("caseId").GetGuid())
            .ShouldBe([third]);
        var paged = await Json(await Supervisor.GetAsync($"/stations/{_station}/plans-awaiting-approval?page=2&pageSize=1"));
        paged.GetProperty("total").GetInt64().ShouldBe(1);
        paged.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_plan_queue_is_the_supervisor_s_of_their_own_station_only()
    {
        await ProposePlanAsync();
        (await Caseworker.GetAsync($"/stations/{_station}/plans-awaiting-approval")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var elsewhere = cases.Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid());
        (await elsewhere.GetAsync($"/stations/{_station}/plans-awaiting-approval")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cases.Host.ClientAs(Roles.Admin).GetAsync($"/stations/{_station}/plans-awaiting-approval")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var bad = await Supervisor.GetAsync($"/stations/{_station}/plans-awaiting-approval?pageSize=1000");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["pageSize"]);
    }

    [Fact]
    public async Task The_station_audit_lists_every_read_newest_first_and_narrows_to_break_the_glass()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.GetAsync($"/cases/{caseId}")).EnsureSuccessStatusCode();
        (await Caseworker.GetAsync($"/cases/{caseId}/timeline")).EnsureSuccessStatusCode();
        var otherStation = Guid.NewGuid();
        var outsider = Guid.NewGuid();
        var supervisorElsewhere = cases.Host.ClientAs(Roles.Supervisor, outsider, otherStation);
        supervisorElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, "child reported at our school");
        (await supervisorElsewhere.GetAsync($"/cases/{caseId}")).EnsureSuccessStatusCode();
        // A read of another station's record is on that station's audit, not this one's.
        var theirs = Guid.NewGuid();
        (await cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), otherStation)
            .PostAsJsonAsync("/cases", FourServicesTests.NewCase(theirs, stationId: otherStation))).EnsureSuccessStatusCode();
        (await cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), otherStation).GetAsync($"/cases/{theirs}")).EnsureSuccessStatusCode();

        var all = await ItemsAsync(Supervisor, $"/stations/{_station}/audit");
        all.Select(e => e.GetProperty("what").GetString()).ShouldBe(["case", "timeline", "case"]);
        all.Select(e => e.GetProperty("recordId").GetGuid()).ShouldAllBe(id => id == caseId);
        all[0].GetProperty("breakGlass").GetBoolean().ShouldBeTrue();
        all[0].GetProperty("reason").GetString().ShouldBe("child reported at our school");
        all[0].GetProperty("readerId").GetGuid().ShouldBe(outsider);
        all[0].GetProperty("readerStationId").GetGuid().ShouldBe(otherStation);

        var glass = await ItemsAsync(Supervisor, $"/stations/{_station}/audit?breakGlass=true");
        glass.Select(e => e.GetProperty("readerId").GetGuid()).ShouldBe([outsider]);
        (await ItemsAsync(Supervisor, $"/stations/{_station}/audit?readerId={_caseworker}")).Count.ShouldBe(2);
        (await ItemsAsync(Supervisor, $"/stations/{_station}/audit?recordId={theirs}")).ShouldBeEmpty();
        var tomorrow = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        (await ItemsAsync(Supervisor, $"/stations/{_station}/audit?from={tomorrow}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_station_audit_is_refused_to_caseworkers_and_other_stations_and_names_bad_filters()
    {
        (await Caseworker.GetAsync($"/stations/{_station}/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cases.Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/stations/{_station}/audit"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var now = DateTimeOffset.UtcNow;
        using var bad = await Supervisor.GetAsync(
            $"/stations/{_station}/audit?readerId={Guid.Empty}&from={Uri.EscapeDataString(now.ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}&page=0");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["readerId", "to", "page"], ignoreOrder: true);
    }
}
