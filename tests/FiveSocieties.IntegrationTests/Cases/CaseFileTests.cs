using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>A case file over HTTP: needs, closing and reopening, the timeline, and the case as it was.</summary>
public sealed class CaseFileTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();

    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, _caseworker, _station);
    private HttpClient Supervisor => cases.Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, stationId: _station))).EnsureSuccessStatusCode();
        return caseId;
    }

    [Fact]
    public async Task A_raised_need_shows_on_the_case_and_a_repeat_with_its_id_changes_nothing()
    {
        var caseId = await OpenCaseAsync();
        var needId = Guid.NewGuid();
        var body = new { needId, category = "MealDelivery", urgency = "Urgent", recurrence = "Daily", startDate = "2026-12-01" };

        var raised = await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", body);
        raised.StatusCode.ShouldBe(HttpStatusCode.Created);
        raised.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", body)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var need = (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("needs").EnumerateArray().Single();
        need.GetProperty("id").GetGuid().ShouldBe(needId);
        need.GetProperty("category").GetString().ShouldBe("MealDelivery");
        need.GetProperty("status").GetString().ShouldBe("Open");
    }

    [Fact]
    public async Task Bad_needs_are_refused_precisely_and_write_nothing()
    {
        var caseId = await OpenCaseAsync();
        var missing = await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { quantity = 0 });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["category", "quantity"], ignoreOrder: true);

        (await Caseworker.PostAsJsonAsync($"/cases/{Guid.NewGuid()}/needs", new { category = "Goods" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs/{Guid.NewGuid()}/withdraw", new { reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid()).PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Goods" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "another station's case does not exist for you");

        (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_closed_case_takes_no_needs_until_a_supervisor_reopens_it()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Companionship" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "moved to a care home" })).EnsureSuccessStatusCode();

        var closed = await Json(await Caseworker.GetAsync($"/cases/{caseId}"));
        closed.GetProperty("status").GetString().ShouldBe("Closed");
        closed.GetProperty("needs")[0].GetProperty("status").GetString().ShouldBe("Withdrawn");

        var refused = await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Goods" });
        refused.StatusCode.ShouldBe((HttpStatusCode)422);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().ShouldBe("need.case-closed");

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/reopen", new { reason = "back home" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Supervisor.PostAsJsonAsync($"/cases/{caseId}/reopen", new { reason = "back home" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Goods" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_timeline_lists_every_event_in_order_with_who_did_it()
    {
        var caseId = await OpenCaseAsync();
        var needId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category = "MealDelivery" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs/{needId}/withdraw", new { reason = "family cooks now" })).EnsureSuccessStatusCode();

        var timeline = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["CaseOpened", "NeedRaised", "NeedWithdrawn"]);
        timeline.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1L, 2L, 3L]);
        timeline.ShouldAllBe(e => e.GetProperty("by").GetGuid() == _caseworker);
        timeline[2].GetProperty("summary").GetString()!.ShouldContain("family cooks now");
    }

    [Fact]
    public async Task A_case_as_of_a_past_moment_is_exactly_what_it_was_then()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "Tutoring" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "done" })).EnsureSuccessStatusCode();
        // The moment the store recorded the need: the case as of then has the need and is not yet closed.
        var asOf = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "NeedRaised").GetProperty("recordedAt").GetDateTimeOffset();

        var then = await Json(await Caseworker.GetAsync($"/cases/{caseId}?asOf={Uri.EscapeDataString(asOf.ToString("O"))}"));
        then.GetProperty("status").GetString().ShouldBe("Open");
        then.GetProperty("needs")[0].GetProperty("status").GetString().ShouldBe("Open");
        then.GetProperty("version").GetInt64().ShouldBe(2);

        var now = await Json(await Caseworker.GetAsync($"/cases/{caseId}"));
        now.GetProperty("status").GetString().ShouldBe("Closed");

        var before = await Caseworker.GetAsync($"/cases/{caseId}?asOf={Uri.EscapeDataString(asOf.AddYears(-1).ToString("O"))}");
        before.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the case did not exist a year earlier");
        (await Caseworker.GetAsync($"/cases/{caseId}?asOf=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
