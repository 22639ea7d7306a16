using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Digest;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

public sealed class FakeClockFixture : IAsyncLifetime
{
    // 06:00 in Shanghai: before the day's digest goes out at 08:00.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
    public TestIsolation Isolation { get; } = new();
    public NotificationsHost Host { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Host = await new NotificationsHost(Isolation, services: s => s.AddSingleton<TimeProvider>(Clock)).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Receiver is not null) await Receiver.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

/// <summary>Time-driven work on a fake clock: escalation of unacknowledged urgent alarms, the daily digest of overdue visits.</summary>
public sealed class EscalationAndDigestTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    private NotificationsHost Host => fixture.Host;
    private FakeTimeProvider Clock => fixture.Clock;

    private async Task<(Guid Caseworker, Guid Case)> OpenCaseAsync(Guid station)
    {
        var (caseworker, caseId) = (Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), Clock.GetUtcNow(), caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("云冈区", "口泉乡", "KQ-3")));
        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        await Eventually.Until(() => admin.GetAsync($"/recipients/{caseworker}"), r => r.IsSuccessStatusCode, "the caseworker in the directory");
        return (caseworker, caseId);
    }

    private V1.DeliveryMissed Missed(Guid caseId, Guid station) =>
        new(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), caseId, station, Guid.NewGuid(), DateOnly.FromDateTime(Clock.GetUtcNow().Date),
            V1.MissReason.NoAnswerAtDoor, LivesAlone: true);

    [Fact]
    public async Task An_urgent_alarm_not_acknowledged_in_30_minutes_goes_to_the_station_s_supervisors_an_acknowledged_one_does_not()
    {
        var station = Guid.NewGuid();
        var supervisorId = Guid.NewGuid();
        var supervisor = Host.ClientAs(Roles.Supervisor, supervisorId, station);
        (await supervisor.PutPreferencesAsync(new { language = "en" })).EnsureSuccessStatusCode(); // how supervisors become known
        var (caseworkerId, caseId) = await OpenCaseAsync(station);
        var caseworker = Host.ClientAs(Roles.Caseworker, caseworkerId, station);

        var ignored = Missed(caseId, station);
        var handled = Missed(caseId, station);
        await Host.PublishAsync(ignored);
        await Host.PublishAsync(handled);
        var alarms = await caseworker.InboxWithAsync("delivery-missed.lives-alone", 2);
        var handledId = alarms.Select(a => a.GetProperty("id").GetGuid())
            .Single(id => id == FiveSocieties.Notifications.Notifications.NotificationIds.For(handled.EventId, caseworkerId, "delivery-missed.lives-alone"));
        (await caseworker.PostAsync($"/inbox/{handledId}/acknowledge", null)).EnsureSuccessStatusCode();

        Clock.Advance(TimeSpan.FromMinutes(31));

        var escalations = await supervisor.InboxWithAsync("escalation");
        escalations.Length.ShouldBe(1);
        escalations[0].GetProperty("urgency").GetString().ShouldBe("Urgent");
        escalations[0].GetProperty("title").GetString().ShouldBe("Escalated: an urgent notification was not acknowledged");
        escalations[0].GetProperty("parameters").GetProperty("alarmId").GetString()
            .ShouldBe(FiveSocieties.Notifications.Alarms.AlarmIds.For(ignored.EventId, "delivery-missed.lives-alone").ToString());
        escalations[0].GetProperty("parameters").GetProperty("level").GetString().ShouldBe("1");
        var after = await caseworker.InboxAsync();
        after.Single(a => a.GetProperty("id").GetGuid() == handledId).TryGetProperty("escalatedAt", out _).ShouldBeFalse();
        after.Single(a => a.GetProperty("id").GetGuid() != handledId).GetProperty("escalatedAt").GetDateTimeOffset()
            .ShouldBe(Clock.GetUtcNow(), TimeSpan.FromMinutes(2));

        // Another sweep later escalates nothing twice.
        Clock.Advance(TimeSpan.FromMinutes(31));
        await HttpJson.Json(await supervisor.GetAsync("/inbox")); // let the tick run
        (await supervisor.InboxWithAsync("escalation")).Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_dispatch_is_urgent_for_every_supervisor_of_the_station()
    {
        var station = Guid.NewGuid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { first, second })
            (await Host.ClientAs(Roles.Supervisor, id, station).PutPreferencesAsync(new { language = "zh-CN" })).EnsureSuccessStatusCode();
        await Host.PublishAsync(new V1.DispatchFailed(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery, station,
            Guid.NewGuid(), new DateOnly(2026, 11, 30), V1.DispatchFailureReason.NoVolunteerAvailable));
        foreach (var id in new[] { first, second })
            (await Host.ClientAs(Roles.Supervisor, id, station).InboxWithAsync("dispatch-failed"))[0]
                .GetProperty("urgency").GetString().ShouldBe("Urgent");
        (await Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).InboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Overdue_visits_reach_the_caseworker_as_one_daily_digest_listing_the_cases()
    {
        var station = Guid.NewGuid();
        var (caseworker, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var dueOn = new DateOnly(2026, 11, 27);
        foreach (var (who, caseId) in new[] { (caseworker, a), (caseworker, b), (caseworker, a), (other, Guid.NewGuid()) })
            await Host.PublishAsync(new V1.VisitOverdue(Guid.NewGuid(), Clock.GetUtcNow(), caseId, station, who, dueOn));

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var digest = await Eventually.Until(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<VisitDigest>().Where(d => d.CaseworkerId == caseworker).ToListAsync();
        }, d => d.Count == 1 && d[0].Cases.Count == 2, "both cases in one digest");
        await Eventually.Until(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<VisitDigest>().Where(d => d.CaseworkerId == other).CountAsync();
        }, n => n == 1, "the other caseworker's digest");
        (await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxAsync()).ShouldBeEmpty(); // nothing before the digest time

        Clock.Advance(digest[0].SendAt - Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var sent = await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync("visit-overdue.digest");
        sent.Length.ShouldBe(1);
        sent[0].GetProperty("body").GetString()!.ShouldContain(a.ToString());
        sent[0].GetProperty("body").GetString()!.ShouldContain(b.ToString());
        sent[0].GetProperty("title").GetString().ShouldBe("今日逾期探访：2 个个案");
        (await Host.ClientAs(Roles.Caseworker, other, station).InboxWithAsync("visit-overdue.digest")).Length.ShouldBe(1);
    }

    [Fact]
    public async Task During_quiet_hours_a_normal_webhook_delivery_waits_for_their_end_and_an_urgent_one_goes_at_once()
    {
        var station = Guid.NewGuid();
        var supervisorId = Guid.NewGuid();
        var supervisor = Host.ClientAs(Roles.Supervisor, supervisorId, station);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        (await supervisor.PutPreferencesAsync(new
        {
            language = "en", quietFrom = local.AddHours(-1).ToString("HH:mm"), quietTo = local.AddHours(2).ToString("HH:mm"),
        })).EnsureSuccessStatusCode();
        var hook = "quiet-" + supervisorId.ToString("N")[..8];
        (await supervisor.PostAsJsonAsync("/webhooks", new { url = fixture.Receiver.Url(hook), secret = "a-secret-of-sixteen-plus" })).EnsureSuccessStatusCode();

        await Host.PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), station,
            supervisorId, Guid.NewGuid(), Guid.NewGuid(), "长者食堂", V1.NeedCategory.MealDelivery, null, null));
        await Host.PublishAsync(new V1.DispatchFailed(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery, station,
            Guid.NewGuid(), new DateOnly(2026, 11, 30), V1.DispatchFailureReason.NoVolunteerAvailable));
        await supervisor.InboxWithAsync("referral-accepted"); // both in the inbox at once: it never waits
        var urgent = (await supervisor.InboxWithAsync("dispatch-failed"))[0];
        (await supervisor.PostAsync($"/inbox/{urgent.GetProperty("id").GetGuid()}/acknowledge", null)).EnsureSuccessStatusCode();

        Clock.Advance(TimeSpan.FromSeconds(2)); // a delivery sweep
        var first = await Eventually.Until(() => Task.FromResult(fixture.Receiver.CallsTo(hook)), c => c.Length >= 1, "the urgent webhook call");
        first.Select(RuleOf).ShouldBe(["dispatch-failed"]);

        Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1)); // past the end of the quiet hours
        var calls = await Eventually.Until(() => Task.FromResult(fixture.Receiver.CallsTo(hook)), c => c.Length >= 2, "the held webhook call");
        calls.Select(RuleOf).ShouldBe(["dispatch-failed", "referral-accepted"]);
    }

    private static string RuleOf(ReceivedCall call) =>
        System.Text.Json.JsonDocument.Parse(call.Body).RootElement.GetProperty("notification").GetProperty("rule").GetString()!;
}
