using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Group and community activities over HTTP: places never oversold, attendance on the client's timeline.</summary>
public sealed class ActivityTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();

    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, _caseworker, _station);
    private HttpClient OtherStation => cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid());

    private async Task<Guid> OpenCaseAsync(string clientGroup = "Elderly", HttpClient? client = null, Guid? station = null)
    {
        var caseId = Guid.NewGuid();
        var body = new
        {
            caseId, stationId = station ?? _station, clientGroup,
            categories = clientGroup == "Elderly" ? new[] { "LivesAlone" } : new[] { "LeftBehind" },
            location = new { district = "天镇县", township = "南河堡乡", grid = "NHB-03" },
        };
        (await (client ?? Caseworker).PostAsJsonAsync("/cases", body)).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<Guid> ScheduleAsync(int capacity = 10, string? targetGroup = null)
    {
        var activityId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var created = await Caseworker.PostAsJsonAsync("/activities", new
        {
            activityId, stationId = _station, title = "国画班 painting class", kind = "Group", targetGroup,
            startsAt = now.AddHours(-1), endsAt = now.AddHours(3), capacity,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return activityId;
    }

    private static async Task<string?> Rule(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString();

    [Fact]
    public async Task An_activity_is_scheduled_once_and_shows_its_places_and_enrolled_clients()
    {
        var activityId = await ScheduleAsync(capacity: 12, targetGroup: "Elderly");
        var caseId = await OpenCaseAsync();

        var enrolled = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.Created);
        enrolled.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId })).StatusCode
            .ShouldBe(HttpStatusCode.OK, "enrolling the same client again changes nothing");

        var activity = await Json(await Caseworker.GetAsync($"/activities/{activityId}"));
        activity.GetProperty("capacity").GetInt32().ShouldBe(12);
        activity.GetProperty("targetGroup").GetString().ShouldBe("Elderly");
        activity.GetProperty("kind").GetString().ShouldBe("Group");
        activity.GetProperty("enrolled").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([caseId]);
        activity.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Thirty_clients_racing_for_ten_places_get_exactly_ten()
    {
        var activityId = await ScheduleAsync(capacity: 10);
        var caseIds = new List<Guid>();
        for (var i = 0; i < 30; i++) caseIds.Add(await OpenCaseAsync());

        var answers = await Task.WhenAll(caseIds.Select(async caseId =>
        {
            // A 409 lost the race for the stream's version, not necessarily the place: ask again
            // until the answer is definite (a place, or 422 activity.full). Each 409 means another
            // enrolment committed, so no client can meet more than ten; the bound only stops a bug looping.
            for (var attempt = 0; ; attempt++)
            {
                var response = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId });
                if (response.StatusCode != HttpStatusCode.Conflict || attempt == 50) return (caseId, response.StatusCode, Rule: response.StatusCode == (HttpStatusCode)422 ? await Rule(response) : null);
            }
        }));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(10);
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).ShouldAllBe(a => a.StatusCode == (HttpStatusCode)422 && a.Rule == "activity.full");
        var activity = await Json(await Caseworker.GetAsync($"/activities/{activityId}"));
        var enrolled = activity.GetProperty("enrolled").EnumerateArray().Select(e => e.GetGuid()).ToList();
        enrolled.Count.ShouldBe(10);
        enrolled.ShouldBe(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.caseId), ignoreOrder: true);
        activity.GetProperty("version").GetInt64().ShouldBe(11);
    }

    [Fact]
    public async Task A_client_outside_the_target_group_or_with_a_closed_case_is_refused()
    {
        var activityId = await ScheduleAsync(targetGroup: "Child");
        var elderly = await OpenCaseAsync("Elderly");
        var wrong = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId = elderly });
        wrong.StatusCode.ShouldBe((HttpStatusCode)422);
        (await Rule(wrong)).ShouldBe("activity.wrong-group");

        var child = await OpenCaseAsync("Child");
        (await Caseworker.PostAsJsonAsync($"/cases/{child}/close", new { reason = "moved away" })).EnsureSuccessStatusCode();
        var closed = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId = child });
        closed.StatusCode.ShouldBe((HttpStatusCode)422);
        (await Rule(closed)).ShouldBe("activity.case-closed");

        (await Json(await Caseworker.GetAsync($"/activities/{activityId}"))).GetProperty("enrolled").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Attendance_shows_on_each_clients_timeline_and_a_client_not_enrolled_is_refused()
    {
        var activityId = await ScheduleAsync();
        var (first, second, stranger) = (await OpenCaseAsync(), await OpenCaseAsync("Child"), await OpenCaseAsync());
        foreach (var caseId in new[] { first, second })
            (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId })).EnsureSuccessStatusCode();

        var refused = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { first, stranger } });
        refused.StatusCode.ShouldBe((HttpStatusCode)422);
        (await Rule(refused)).ShouldBe("activity.not-enrolled");
        (await Json(await Caseworker.GetAsync($"/cases/{first}/timeline"))).GetArrayLength().ShouldBe(1, "a refused attendance writes nothing anywhere");

        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { first, second } })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { first } })).EnsureSuccessStatusCode();

        foreach (var caseId in new[] { first, second })
        {
            var timeline = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();
            timeline.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["CaseOpened", "ActivityAttended"], "recorded once for the day");
            timeline[1].GetProperty("by").GetGuid().ShouldBe(_caseworker);
            timeline[1].GetProperty("summary").GetString()!.ShouldContain("国画班 painting class");
            (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("activitiesAttended").GetInt32().ShouldBe(1);
        }
        (await Json(await Caseworker.GetAsync($"/activities/{activityId}"))).GetProperty("attendance").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Bad_requests_name_every_field_and_an_activity_ending_before_it_starts_is_refused()
    {
        var missing = await Caseworker.PostAsJsonAsync("/activities", new { capacity = 501, activityId = Guid.Empty });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["stationId", "title", "kind", "startsAt", "endsAt", "capacity", "activityId"], ignoreOrder: true);

        var now = DateTimeOffset.UtcNow;
        var backwards = await Caseworker.PostAsJsonAsync("/activities", new
        {
            stationId = _station, title = "亲子手工 parent-child crafts", kind = "Community", startsAt = now.AddDays(2), endsAt = now.AddDays(1), capacity = 20,
        });
        backwards.StatusCode.ShouldBe((HttpStatusCode)422);
        (await Rule(backwards)).ShouldBe("activity.ends-before-start");

        var activityId = await ScheduleAsync();
        var noCase = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { });
        noCase.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noCase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["caseId"]);
        var noClients = await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = Array.Empty<Guid>() });
        noClients.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noClients.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["caseIds"]);
    }

    [Fact]
    public async Task Another_stations_activity_and_client_do_not_exist_for_you()
    {
        var activityId = await ScheduleAsync();
        var caseId = await OpenCaseAsync();
        var other = OtherStation;

        (await other.GetAsync($"/activities/{activityId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.GetAsync($"/activities/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.PostAsJsonAsync($"/activities/{Guid.NewGuid()}/enrolments", new { caseId })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Another station's client cannot be enrolled here, and our client cannot be enrolled by them.
        var otherStation = Guid.NewGuid();
        var theirs = cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), otherStation);
        var theirCase = await OpenCaseAsync(client: theirs, station: otherStation);
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId = theirCase })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { caseId } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var forbidden = await other.PostAsJsonAsync("/activities", new
        {
            stationId = _station, title = "t", kind = "Group", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1), capacity = 5,
        });
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(await Caseworker.GetAsync($"/activities/{activityId}"))).GetProperty("version").GetInt64().ShouldBe(1);
    }
}
