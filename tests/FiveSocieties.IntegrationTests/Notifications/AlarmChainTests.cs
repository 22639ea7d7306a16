using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Alarms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

public sealed class AlarmChainFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    public TestIsolation Isolation { get; } = new();
    public NotificationsHost Host { get; private set; } = null!;

    /// <summary>The alarms that reached nobody, as the service's metric counts them.</summary>
    public long UnreachedCounted => Interlocked.Read(ref _unreached);
    private long _unreached;
    private readonly MeterListener _listener = new();

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EscalationSweep.MeterName && instrument.Name == "fivesoc.alarms.unreached")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _unreached, value));
        _listener.Start();
        await Isolation.InitializeAsync();
        Host = await new NotificationsHost(Isolation, services: s => s.AddSingleton<TimeProvider>(Clock)).StartAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

/// <summary>
/// Every urgent alarm reaches a person: the directory follows the station's roster (nobody has to
/// open the app first), the chain climbs caseworker → station supervisors → district officers on
/// a fake clock, an acknowledgement at any level stops it, an empty level passes straight on, and
/// an alarm with nobody anywhere stays open and unreached — never marked escalated.
/// </summary>
public sealed class AlarmChainTests(AlarmChainFixture fixture) : IClassFixture<AlarmChainFixture>
{
    private NotificationsHost Host => fixture.Host;
    private FakeTimeProvider Clock => fixture.Clock;
    private HttpClient Admin => Host.ClientAs(Roles.Admin, Guid.NewGuid());

    /// <summary>A district code of its own per test, so the tests' district officers never meet.</summary>
    private static string NewDistrict() => Random.Shared.Next(110000, 659999).ToString();

    private async Task<Guid> OpenStationAsync(string district)
    {
        var station = Guid.NewGuid();
        await Host.PublishAsync(new V1.StationOpened(Guid.NewGuid(), Clock.GetUtcNow(), station, district, district + "001"));
        return station;
    }

    private async Task JoinAsync(Guid person, V1.StaffRole role, Guid? station, string district, long version = 1)
    {
        await Host.PublishAsync(new V1.StaffJoined(Guid.NewGuid(), Clock.GetUtcNow(), person, role, station, district), streamVersion: version);
        await Eventually.Until(() => RecipientAsync(person), r => r is { } e && e.GetProperty("stationId").GetGuid() == (station ?? Guid.Empty)
            && e.GetProperty("followsRoster").GetBoolean(), $"{person} on the roster in the directory");
    }

    private async Task<JsonElement?> RecipientAsync(Guid person)
    {
        var response = await Admin.GetAsync($"/recipients/{person}");
        return response.IsSuccessStatusCode ? await HttpJson.Json(response) : null;
    }

    private async Task<(Guid Caseworker, Guid Case)> OpenCaseAsync(Guid station)
    {
        var (caseworker, caseId) = (Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), Clock.GetUtcNow(), caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("云冈区", "口泉乡", "KQ-3")));
        await Eventually.Until(() => Admin.GetAsync($"/case-responsibilities/{caseId}"), r => r.IsSuccessStatusCode, "the case's caseworker known");
        return (caseworker, caseId);
    }

    private V1.DeliveryMissed Missed(Guid caseId, Guid station) =>
        new(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), caseId, station, Guid.NewGuid(), new DateOnly(2026, 12, 1),
            V1.MissReason.NoAnswerAtDoor, LivesAlone: true);

    private V1.DispatchFailed DispatchFailed(Guid station) =>
        new(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery, station, Guid.NewGuid(),
            new DateOnly(2026, 12, 1), V1.DispatchFailureReason.NoVolunteerAvailable);

    private static Guid AlarmOf(object sourceEvent, string rule) =>
        AlarmIds.For((Guid)sourceEvent.GetType().GetProperty("EventId")!.GetValue(sourceEvent)!, rule);

    private Task<JsonElement> AlarmAsync(Guid alarmId, Func<JsonElement, bool> until, string what) =>
        Eventually.Until(async () =>
        {
            var response = await Admin.GetAsync($"/alarms/{alarmId}");
            return response.IsSuccessStatusCode ? await HttpJson.Json(response) : default;
        }, a => a.ValueKind == JsonValueKind.Object && until(a), what);

    /// <summary>Moves the fake clock and waits until the escalation sweep has run at the new time (its alarm list says so).</summary>
    private async Task AdvanceAsync(TimeSpan by, Guid alarmId, Func<JsonElement, bool> then, string what)
    {
        Clock.Advance(by);
        await AlarmAsync(alarmId, then, what);
    }

    private static int Level(JsonElement alarm) => alarm.GetProperty("level").GetInt32();

    /// <summary>Whether a value is set: the API leaves out what is null.</summary>
    private static bool Has(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Not an alarm, but the same roster: a household's "no meal tomorrow" reaches the station's coordinators (who plan) and the volunteer.</summary>
    [Fact]
    public async Task A_household_s_skip_reaches_the_volunteer_and_the_station_s_coordinators()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var (coordinator, supervisor, volunteer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await JoinAsync(coordinator, V1.StaffRole.Coordinator, station, district);
        await JoinAsync(supervisor, V1.StaffRole.Supervisor, station, district);

        await Host.PublishAsync(new V1.DeliverySkippedByRecipient(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), Guid.NewGuid(), station,
            volunteer, new DateOnly(2026, 12, 2), new TimeOnly(11, 0), new TimeOnly(12, 0)));

        var toCoordinator = (await Host.ClientAs(Roles.Coordinator, coordinator, station).InboxWithAsync("delivery-skipped")).Single();
        toCoordinator.GetProperty("title").GetString()!.ShouldStartWith("住户不需要送餐");
        (await Host.ClientAs(Roles.Volunteer, volunteer).InboxWithAsync("delivery-skipped.volunteer")).Single()
            .GetProperty("title").GetString()!.ShouldStartWith("送餐取消");
        // Issued in the same commit as the coordinator's: nothing later can still arrive for the supervisor.
        (await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missed_meal_climbs_from_the_caseworker_to_a_supervisor_who_never_opened_the_app_then_to_the_district_until_acknowledged()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var (supervisor, officer) = (Guid.NewGuid(), Guid.NewGuid());
        await JoinAsync(supervisor, V1.StaffRole.Supervisor, station, district);
        await JoinAsync(officer, V1.StaffRole.DistrictOfficer, null, district);
        var (caseworkerId, caseId) = await OpenCaseAsync(station);
        var caseworker = Host.ClientAs(Roles.Caseworker, caseworkerId, station);

        var missed = Missed(caseId, station);
        await Host.PublishAsync(missed);
        var alarmId = AlarmOf(missed, "delivery-missed.lives-alone");
        var first = (await caseworker.InboxWithAsync("delivery-missed.lives-alone"))[0];
        first.GetProperty("urgency").GetString().ShouldBe("Urgent");
        first.GetProperty("title").GetString().ShouldBe("紧急：独居老人送餐未送达"); // zh-CN: the default for people who set nothing
        first.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(Clock.GetUtcNow() + TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));
        Has(await AlarmAsync(alarmId, a => Level(a) == 0, "level 0 reached"), "nextStepAt").ShouldBeTrue();

        // 29 minutes: still the caseworker's alone.
        await AdvanceAsync(TimeSpan.FromMinutes(29), alarmId, a => Level(a) == 0, "still at level 0");
        (await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxAsync()).ShouldBeEmpty();

        await AdvanceAsync(TimeSpan.FromMinutes(2), alarmId, a => Level(a) == 1, "level 1: the station's supervisors");
        var toSupervisor = (await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxWithAsync("escalation"))[0];
        toSupervisor.GetProperty("urgency").GetString().ShouldBe("Urgent");
        toSupervisor.GetProperty("title").GetString().ShouldBe("升级：紧急通知无人确认");
        toSupervisor.GetProperty("parameters").GetProperty("level").GetString().ShouldBe("1");
        (await caseworker.InboxAsync()).Single(i => i.GetProperty("rule").GetString() == "delivery-missed.lives-alone")
            .GetProperty("escalatedAt").GetDateTimeOffset().ShouldBe(Clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        (await Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district).InboxAsync()).ShouldBeEmpty();

        await AdvanceAsync(TimeSpan.FromMinutes(61), alarmId, a => Level(a) == 2, "level 2: the district's duty officers");
        var toOfficer = (await Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district).InboxWithAsync("escalation"))[0];
        toOfficer.GetProperty("parameters").GetProperty("level").GetString().ShouldBe("2");

        (await Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district)
            .PostAsync($"/inbox/{toOfficer.GetProperty("id").GetGuid()}/acknowledge", null)).EnsureSuccessStatusCode();
        var acknowledged = await AlarmAsync(alarmId, a => Has(a, "acknowledgedAt"), "acknowledged");
        acknowledged.GetProperty("acknowledgedBy").GetGuid().ShouldBe(officer);
        acknowledged.GetProperty("acknowledgedLevel").GetInt32().ShouldBe(2);
        Has(acknowledged, "nextStepAt").ShouldBeFalse();

        // The month's statistics for the bureau count it as the district's board shows it: raised, climbed to the district, acknowledged after 92 minutes.
        var officerReader = Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district);
        var board = await HttpJson.Json(await officerReader.GetAsync($"/districts/{district}/alarms?state=all"));
        var statistics = await HttpJson.Json(await officerReader.GetAsync("/alarm-statistics?month=2026-12"));
        var row = statistics.GetProperty("districts").EnumerateArray().Single();
        row.GetProperty("districtCode").GetString().ShouldBe(district);
        row.GetProperty("raised").GetInt32().ShouldBe(board.GetProperty("items").GetArrayLength());
        row.GetProperty("openNow").GetInt32().ShouldBe(board.GetProperty("open").GetInt32());
        row.GetProperty("byHighestLevel").GetProperty("DistrictOfficers").GetInt32().ShouldBe(1);
        row.GetProperty("acknowledged").GetInt32().ShouldBe(1);
        row.GetProperty("medianMinutesToAcknowledge").GetDouble().ShouldBe(92);
        row.GetProperty("byRule").GetProperty("delivery-missed.lives-alone").GetInt32().ShouldBe(1);
        (await HttpJson.Json(await officerReader.GetAsync("/alarm-statistics?month=2026-11"))).GetProperty("total").GetProperty("raised").GetInt32()
            .ShouldBe(0, "November had none");

        var file = await officerReader.GetAsync("/alarm-statistics?month=2026-12&format=xlsx");
        file.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"紧急告警统计_{district}_2026-12.xlsx");
        using var workbook = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "区县告警").Cast<IDictionary<string, object>>().ToList();
        rows.Select(r => r["区县代码"]).ShouldBe([district, "合计"]);
        Convert.ToInt32(rows[0]["最高到达：区县值班"]).ShouldBe(1);
        Convert.ToDouble(rows[^1]["确认用时中位数（分钟）"]).ShouldBe(92);
    }

    [Fact]
    public async Task An_acknowledgement_by_the_caseworker_stops_the_chain_before_the_supervisor_hears()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var supervisor = Guid.NewGuid();
        await JoinAsync(supervisor, V1.StaffRole.Supervisor, station, district);
        var (caseworkerId, caseId) = await OpenCaseAsync(station);
        var caseworker = Host.ClientAs(Roles.Caseworker, caseworkerId, station);
        var missed = Missed(caseId, station);
        await Host.PublishAsync(missed);
        var alarm = (await caseworker.InboxWithAsync("delivery-missed.lives-alone"))[0];

        (await caseworker.PostAsync($"/inbox/{alarm.GetProperty("id").GetGuid()}/acknowledge", null)).EnsureSuccessStatusCode();
        await AlarmAsync(AlarmOf(missed, "delivery-missed.lives-alone"), a => Has(a, "acknowledgedLevel"),
            "acknowledged at level 0");

        // A second alarm, left alone, climbs on the same sweep the first would have: only it reaches the supervisor.
        var ignored = Missed(caseId, station);
        await Host.PublishAsync(ignored);
        await caseworker.InboxWithAsync("delivery-missed.lives-alone", 2);
        await AdvanceAsync(TimeSpan.FromMinutes(31), AlarmOf(ignored, "delivery-missed.lives-alone"), a => Level(a) == 1, "the ignored one climbed");
        var escalations = await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxWithAsync("escalation");
        escalations.Length.ShouldBe(1);
        escalations[0].GetProperty("parameters").GetProperty("alarmId").GetString()
            .ShouldBe(AlarmOf(ignored, "delivery-missed.lives-alone").ToString());
        (await AlarmAsync(AlarmOf(missed, "delivery-missed.lives-alone"), _ => true, "the first"))
            .GetProperty("level").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_station_with_no_supervisor_on_its_roster_sends_its_alarms_straight_to_the_district()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var officer = Guid.NewGuid();
        await JoinAsync(officer, V1.StaffRole.DistrictOfficer, null, district);
        var officerClient = Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district);

        // A task nobody could take goes to the station's supervisors: there are none, so the district hears at the next sweep.
        var failed = DispatchFailed(station);
        await Host.PublishAsync(failed);
        var failedAlarm = AlarmOf(failed, "dispatch-failed");
        await AlarmAsync(failedAlarm, a => a.GetProperty("reached").GetArrayLength() == 0, "raised with nobody at level 0");
        await AdvanceAsync(TimeSpan.FromSeconds(16), failedAlarm, a => Level(a) == 1, "passed straight to the district");
        (await officerClient.InboxWithAsync("escalation"))[0].GetProperty("parameters").GetProperty("originalRule").GetString()
            .ShouldBe("dispatch-failed");

        // A missed meal: after the caseworker's 30 minutes, the empty supervisors' level passes on at once, not after 60 more.
        var (caseworker, caseId) = await OpenCaseAsync(station);
        var missed = Missed(caseId, station);
        await Host.PublishAsync(missed);
        await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync("delivery-missed.lives-alone");
        var missedAlarm = AlarmOf(missed, "delivery-missed.lives-alone");
        var climbed = await AlarmAsync(missedAlarm, a => Level(a) == 0, "with the caseworker");
        await AdvanceAsync(TimeSpan.FromMinutes(31), missedAlarm, a => Level(a) == 2, "past the empty supervisors' level to the district");
        (await officerClient.InboxWithAsync("escalation", 2)).Length.ShouldBe(2);
        Has(climbed, "acknowledgedAt").ShouldBeFalse();
    }

    [Fact]
    public async Task With_nobody_anywhere_an_alarm_stays_open_and_unreached_is_never_marked_escalated_and_reaches_whoever_joins()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var counted = fixture.UnreachedCounted;
        var failed = DispatchFailed(station);
        await Host.PublishAsync(failed);
        var alarmId = AlarmOf(failed, "dispatch-failed");
        await AlarmAsync(alarmId, _ => true, "raised");

        await AdvanceAsync(TimeSpan.FromSeconds(16), alarmId, a => Has(a, "unreachedSince"),
            "the chain ran out: unreached");
        var board = await HttpJson.Json(await Admin.GetAsync($"/stations/{station}/alarms"));
        board.GetProperty("unreached").GetInt32().ShouldBe(1);
        board.GetProperty("open").GetInt32().ShouldBe(1);
        board.GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("unreached");
        Has(board.GetProperty("items")[0], "acknowledgedAt").ShouldBeFalse();
        board.GetProperty("items")[0].GetProperty("reached").GetArrayLength().ShouldBe(0);
        var districtBoard = await HttpJson.Json(await Admin.GetAsync($"/districts/{district}/alarms"));
        districtBoard.GetProperty("unreached").GetInt32().ShouldBe(1);
        fixture.UnreachedCounted.ShouldBe(counted + 1);

        // Swept again and again: nothing is written while nobody is there, and it is never "escalated".
        var version = (await AlarmAsync(alarmId, _ => true, "as it is")).GetProperty("version").GetInt64();
        await AdvanceAsync(TimeSpan.FromMinutes(5), alarmId, a => a.GetProperty("version").GetInt64() == version, "unchanged");
        fixture.UnreachedCounted.ShouldBe(counted + 1);

        // Someone joins the district's duty roster, with no restart: the next sweep reaches them.
        var officer = Guid.NewGuid();
        await JoinAsync(officer, V1.StaffRole.DistrictOfficer, null, district);
        await AdvanceAsync(TimeSpan.FromSeconds(16), alarmId, a => Level(a) == 1, "reached the new officer");
        (await Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district).InboxWithAsync("escalation")).Length.ShouldBe(1);
        board = await HttpJson.Json(await Admin.GetAsync($"/stations/{station}/alarms"));
        board.GetProperty("unreached").GetInt32().ShouldBe(0);
        board.GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task Leaving_the_roster_stops_a_station_s_alarms_and_joining_starts_them_without_a_restart()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var (leaver, joiner) = (Guid.NewGuid(), Guid.NewGuid());
        await JoinAsync(leaver, V1.StaffRole.Supervisor, station, district);
        // The bus may hand the leaving over before a later change: the roster stream's version keeps the newest word.
        await Host.PublishAsync(new V1.StaffLeft(Guid.NewGuid(), Clock.GetUtcNow(), leaver, station, district), streamVersion: 3);
        await Host.PublishAsync(new V1.StaffRoleChanged(Guid.NewGuid(), Clock.GetUtcNow(), leaver, V1.StaffRole.Supervisor, station, district),
            streamVersion: 2);
        await Eventually.Until(() => RecipientAsync(leaver), r => r is { } e && e.GetProperty("rosterVersion").GetInt64() == 3
            && e.GetProperty("stationId").GetGuid() == Guid.Empty, "off the roster");
        await JoinAsync(joiner, V1.StaffRole.Supervisor, station, district);

        var failed = DispatchFailed(station);
        await Host.PublishAsync(failed);
        (await Host.ClientAs(Roles.Supervisor, joiner, station).InboxWithAsync("dispatch-failed")).Length.ShouldBe(1);
        var alarm = await AlarmAsync(AlarmOf(failed, "dispatch-failed"), a => Level(a) == 0, "level 0 reached");
        alarm.GetProperty("reached")[0].GetProperty("recipients").EnumerateArray().Select(r => r.GetGuid()).ShouldBe([joiner]);
        (await Host.ClientAs(Roles.Supervisor, leaver, station).InboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_alarm_boards_refuse_bad_input_naming_the_field_or_rule_and_keep_to_their_scope()
    {
        var district = NewDistrict();
        var station = await OpenStationAsync(district);
        var officer = Guid.NewGuid();
        await JoinAsync(officer, V1.StaffRole.DistrictOfficer, null, district);
        var officerClient = Host.ClientAs(Roles.DistrictOfficer, officer, districtCode: district);

        var badState = await Admin.GetAsync($"/stations/{station}/alarms?state=everything");
        badState.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(badState)).GetProperty("errors").TryGetProperty("state", out _).ShouldBeTrue();
        var badCode = await Admin.GetAsync("/districts/14x213/alarms");
        badCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(badCode)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();

        var otherDistrict = await officerClient.GetAsync("/districts/140000/alarms");
        otherDistrict.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(otherDistrict)).GetProperty("rule").GetString().ShouldBe("district.not-yours");
        (await officerClient.GetAsync($"/districts/{district}/alarms")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var notYours = await officerClient.GetAsync("/alarm-statistics?district=140000");
        notYours.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(notYours)).GetProperty("rule").GetString().ShouldBe("report.district-not-yours");
        foreach (var (query, field) in new[] { ("month=2026-13", "month"), ("month=2027-01", "month"), ("format=pdf", "format"), ("district=14x213", "district") })
        {
            var bad = await Admin.GetAsync($"/alarm-statistics?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await Problem(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        }
        // Their district's station, yes; another district's, as if it did not exist; a caseworker of another station likewise.
        await Eventually.Until(() => officerClient.GetAsync($"/stations/{station}/alarms"), r => r.StatusCode == HttpStatusCode.OK,
            "the station placed in the officer's district");
        (await officerClient.GetAsync($"/stations/{Guid.NewGuid()}/alarms")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/stations/{station}/alarms"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Host.ClientAs(Roles.Volunteer, Guid.NewGuid(), station).GetAsync($"/stations/{station}/alarms"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
