using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>Every read of a case file is recorded; another station's supervisor gets in only with a stated reason, and is seen.</summary>
public sealed class AuditTests(City city) : IClassFixture<City>
{
    [Fact]
    public async Task Reads_are_audited_and_break_the_glass_needs_a_reason_and_tells_the_station()
    {
        var story = new Story(city);
        (await city.Notifications.ClientAs(Roles.Supervisor, story.Supervisor, story.Station)
            .PutAsJsonAsync("/preferences", new { channels = new[] { "InApp" }, language = "en" })).EnsureSuccessStatusCode();
        var caseId = await story.OpenCaseAsync(story.Caseworker, "Child", ["LeftBehind"]);
        (await story.CasesAs(story.Caseworker).GetAsync($"/cases/{caseId}")).EnsureSuccessStatusCode();
        (await story.CasesAs(story.Caseworker).GetAsync($"/cases/{caseId}/timeline")).EnsureSuccessStatusCode();

        // Another station's supervisor: not without a reason, and never a caseworker.
        var otherStation = Guid.NewGuid();
        var outsider = Guid.NewGuid();
        var supervisorElsewhere = city.Cases.ClientAs(Roles.Supervisor, outsider, otherStation);
        (await supervisorElsewhere.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var caseworkerElsewhere = city.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), otherStation);
        caseworkerElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, "curious");
        (await caseworkerElsewhere.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        supervisorElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, "child reported at our station's school");
        (await supervisorElsewhere.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/audit?caseId={caseId}"));
        var entries = audit.EnumerateArray().ToList();
        entries.Count.ShouldBe(3, "two reads by the caseworker and one break-the-glass; refused attempts read nothing");
        entries[0].GetProperty("readerId").GetGuid().ShouldBe(story.Caseworker);
        entries[0].GetProperty("what").GetString().ShouldBe("case");
        entries[1].GetProperty("what").GetString().ShouldBe("timeline");
        entries[2].GetProperty("breakGlass").GetBoolean().ShouldBeTrue();
        entries[2].GetProperty("reason").GetString().ShouldBe("child reported at our station's school");
        entries[2].GetProperty("readerId").GetGuid().ShouldBe(outsider);

        // The station's own supervisor hears of it; the audit itself is theirs alone.
        var told = await Story.InboxAsync(story.InboxOf(story.Supervisor, Roles.Supervisor), "case-break-glass", 1);
        told.Single().GetProperty("caseId").GetGuid().ShouldBe(caseId);
        (await city.Cases.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/audit?caseId={caseId}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await story.CasesAsSupervisor.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reads_of_one_case_at_the_same_moment_all_succeed_and_are_all_recorded()
    {
        var story = new Story(city);
        var caseId = await story.OpenCaseAsync(story.Caseworker, "Elderly", ["LivesAlone"]);
        var caseworker = story.CasesAs(story.Caseworker);

        // A page that loads the case and its timeline together, in two tabs: every read races for the audit stream's next version.
        var reads = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(i => caseworker.GetAsync(i % 2 == 0 ? $"/cases/{caseId}" : $"/cases/{caseId}/timeline")));

        reads.Select(r => r.StatusCode).ShouldAllBe(status => status == HttpStatusCode.OK);
        var audit = await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/audit?caseId={caseId}"));
        audit.GetArrayLength().ShouldBe(12, "each read recorded once");
    }

    [Fact]
    public async Task A_break_the_glass_reason_in_Chinese_arrives_percent_encoded_and_is_recorded_as_written()
    {
        var story = new Story(city);
        var caseId = await story.OpenCaseAsync(story.Caseworker, "Elderly", ["LivesAlone"]);
        var outsider = Guid.NewGuid();
        var supervisorElsewhere = city.Cases.ClientAs(Roles.Supervisor, outsider, Guid.NewGuid());
        const string reason = "老人在本站辖区走失，需核实住址";
        supervisorElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, Uri.EscapeDataString(reason));

        (await supervisorElsewhere.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/audit?caseId={caseId}"));
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("readerId").GetGuid() == outsider);
        entry.GetProperty("reason").GetString().ShouldBe(reason);
    }
}
