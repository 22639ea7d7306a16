using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>
/// Urgent alarms reach a phone: in-app first, then by SMS (through the real client and the
/// platform's stand-in) after the configured wait, then up the chain to the supervisor, who is
/// texted in turn. An acknowledgement stops the SMS; a number the platform keeps failing is
/// retried, recorded as failed for operators, and the chain goes on. Receipts come back signed
/// by the shared secret in their URL.
/// </summary>
public sealed class SmsFallbackTests(ChannelFallbackFixture fixture) : IClassFixture<ChannelFallbackFixture>
{
    private const string Rule = UrgentAlarmScenario.Rule;
    private NotificationsHost Host => fixture.Host;
    private ChannelStandInHost StandIn => fixture.StandIn;
    private FakeTimeProvider Clock => fixture.Clock;
    private HttpClient Admin => Host.ClientAs(Roles.Admin, Guid.NewGuid());

    private readonly UrgentAlarmScenario _scenario = new(fixture);
    private static string NewPhone() => UrgentAlarmScenario.NewPhone();

    private async Task<(Guid Station, Guid Supervisor, string SupervisorPhone)> StationWithSupervisorAsync()
    {
        var (station, supervisor) = await _scenario.StationWithSupervisorAsync();
        return (station, supervisor.Id, supervisor.Phone);
    }

    private async Task<(Guid Caseworker, Guid Case, string Phone)> CaseWithCaseworkerAsync(Guid station)
    {
        var (caseworker, caseId) = await _scenario.CaseWithCaseworkerAsync(station);
        return (caseworker.Id, caseId, caseworker.Phone);
    }

    private Task<V1.DeliveryMissed> MissAMealAsync(Guid caseId, Guid station, Guid caseworker) => _scenario.MissAMealAsync(caseId, station, caseworker);

    private async Task<Notification?> NotificationAsync(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<Notification>(id);
    }

    private Task<List<FiveSocieties.ChannelStandIns.Sms.ReceivedSms>> TextsToAsync(string phone, int count, string what) =>
        Eventually.Until(() => StandIn.MessagesOverHttpAsync(phone), m => m.Count >= count, what);

    private Task<JsonElement> AlarmAsync(Guid alarmId, Func<JsonElement, bool> until, string what) =>
        Eventually.Until(async () =>
        {
            var response = await Admin.GetAsync($"/alarms/{alarmId}");
            return response.IsSuccessStatusCode ? await HttpJson.Json(response) : default;
        }, a => a.ValueKind == JsonValueKind.Object && until(a), what);

    [Fact]
    public async Task A_missed_meal_reaches_the_caseworker_by_SMS_when_unacknowledged_then_the_supervisor()
    {
        var (station, supervisor, supervisorPhone) = await StationWithSupervisorAsync();
        var (caseworker, caseId, phone) = await CaseWithCaseworkerAsync(station);
        var missed = await MissAMealAsync(caseId, station, caseworker);
        var toCaseworker = NotificationIds.For(missed.EventId, caseworker, Rule);
        (await StandIn.MessagesOverHttpAsync(phone)).ShouldBeEmpty(); // in-app first

        Clock.Advance(TimeSpan.FromMinutes(11));
        var text = (await TextsToAsync(phone, 1, "the caseworker's SMS")).ShouldHaveSingleItem();
        text.TemplateCode.ShouldBe("SMS_490001");
        text.SignName.ShouldBe("五社联动");
        text.Parameters.ShouldBe(new Dictionary<string, string> { ["date"] = "12月1日", ["reason"] = "敲门无人应答" }, ignoreOrder: true);
        text.OutId.ShouldBe(toCaseworker.ToString("N"));
        var receipted = await Eventually.Until(() => NotificationAsync(toCaseworker), n => n?.SmsReceipt is not null, "the delivery receipt");
        receipted!.SmsReceipt.ShouldBe("DELIVERED");
        receipted.DeliveredOn.ShouldContain(Channel.Sms);

        // Still unacknowledged at 30 minutes: the station's supervisor, in-app and then by SMS.
        Clock.Advance(TimeSpan.FromMinutes(20));
        await AlarmAsync(AlarmIds.For(missed.EventId, Rule), a => a.GetProperty("level").GetInt32() == 1, "level 1: the supervisor");
        await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxWithAsync("escalation");
        Clock.Advance(TimeSpan.FromMinutes(11));
        (await TextsToAsync(supervisorPhone, 1, "the supervisor's SMS")).ShouldHaveSingleItem().TemplateCode.ShouldBe("SMS_490004");
        (await StandIn.MessagesOverHttpAsync(phone)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_acknowledgement_stops_the_SMS_fallback()
    {
        var (station, _, _) = await StationWithSupervisorAsync();
        var (acknowledging, ackCase, acknowledgingPhone) = await CaseWithCaseworkerAsync(station);
        var (witness, witnessCase, witnessPhone) = await CaseWithCaseworkerAsync(station);
        var acknowledged = await MissAMealAsync(ackCase, station, acknowledging);
        await MissAMealAsync(witnessCase, station, witness);
        var id = NotificationIds.For(acknowledged.EventId, acknowledging, Rule);

        (await Host.ClientAs(Roles.Caseworker, acknowledging, station).PostAsync($"/inbox/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        var after = await NotificationAsync(id);
        after!.Pending.ShouldBeEmpty();
        after.NextDeliveryAt.ShouldBeNull();

        // The witness's SMS, due at the same moment, shows the sweep has run at the new time.
        Clock.Advance(TimeSpan.FromMinutes(11));
        await TextsToAsync(witnessPhone, 1, "the unacknowledged one's SMS");
        (await StandIn.MessagesOverHttpAsync(acknowledgingPhone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_number_the_platform_keeps_failing_is_retried_then_recorded_as_failed_and_the_chain_goes_on()
    {
        var (station, supervisor, _) = await StationWithSupervisorAsync();
        var (caseworker, caseId, phone) = await CaseWithCaseworkerAsync(station);
        await StandIn.FailAsync(phone, "isp.SYSTEM_ERROR");
        var missed = await MissAMealAsync(caseId, station, caseworker);
        var id = NotificationIds.For(missed.EventId, caseworker, Rule);

        Clock.Advance(TimeSpan.FromMinutes(11));
        var failure = await Eventually.Until(async () => (await HttpJson.Json(await Admin.GetAsync("/deliveries/failures"))).EnumerateArray()
            .Where(f => f.GetProperty("notificationId").GetGuid() == id).ToArray(), f => f.Length == 1, "the failed SMS for operators");
        failure[0].GetProperty("channel").GetString().ShouldBe("Sms");
        failure[0].GetProperty("reason").GetString()!.ShouldContain("isp.SYSTEM_ERROR");
        (await StandIn.MessagesOverHttpAsync(phone)).Count.ShouldBe(4); // the first try and three retries

        Clock.Advance(TimeSpan.FromMinutes(20));
        await AlarmAsync(AlarmIds.For(missed.EventId, Rule), a => a.GetProperty("level").GetInt32() == 1, "level 1 after the failed SMS");
        await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxWithAsync("escalation");
    }

    [Fact]
    public async Task A_volunteer_who_chose_SMS_reminders_gets_them_up_to_the_daily_cap_and_the_rest_are_recorded_as_held_back()
    {
        var (volunteer, station, phone) = (Guid.NewGuid(), Guid.NewGuid(), NewPhone());
        var client = Host.ClientAs(Roles.Volunteer, volunteer, station);
        (await client.PutPreferencesAsync(new { channels = new[] { "Sms" }, phone, smsRules = new[] { "delivery-reminder" } }))
            .EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
            await Host.PublishAsync(new V1.DeliveryReminderDue(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery,
                volunteer, station, new DateOnly(2026, 12, 2), new TimeOnly(11, 0), new TimeOnly(12, 0)));
        await client.InboxWithAsync("delivery-reminder", 3);

        Clock.Advance(TimeSpan.FromSeconds(2));
        var held = await Eventually.Until(async () => (await HttpJson.Json(await Admin.GetAsync("/deliveries/failures"))).EnumerateArray()
            .Where(f => f.GetProperty("recipientId").GetGuid() == volunteer).ToArray(), f => f.Length == 1, "the one over the cap");
        held[0].GetProperty("reason").GetString()!.ShouldContain("daily SMS cap of 2");
        // The two within the cap are sent side by side with the one held back: they may land a moment after it is recorded.
        var texts = await Eventually.Until(() => StandIn.MessagesOverHttpAsync(phone), t => t.Count >= 2, "the two texts within the cap");
        texts.Count.ShouldBe(2);
        texts.ShouldAllBe(t => t.TemplateCode == "SMS_490013" && t.Parameters["date"] == "12月2日" && t.Parameters["window"] == "11:00–12:00");
    }

    [Fact]
    public async Task A_receipt_to_the_wrong_URL_is_refused_and_records_nothing()
    {
        using var platform = new HttpClient { BaseAddress = Host.Address };
        var response = await platform.PostAsJsonAsync("/sms/receipts/not-the-token", new[]
        {
            new { phone_number = "13900000000", success = false, err_code = "MK:0001", biz_id = "1", out_id = Guid.NewGuid().ToString("N") },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_SMS_preferences_are_refused_naming_the_field_and_nothing_is_written()
    {
        var person = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Volunteer, person);

        async Task<JsonElement> Refused(object preferences)
        {
            var response = await client.PutPreferencesAsync(preferences);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").Clone();
        }

        (await Refused(new { phone = "12345" })).TryGetProperty("phone", out _).ShouldBeTrue();
        (await Refused(new { channels = new[] { "Sms" } })).TryGetProperty("phone", out _).ShouldBeTrue();
        var unknown = await Refused(new { channels = new[] { "Sms" }, phone = NewPhone(), smsRules = new[] { "delivery-reminder", "no-such-rule" } });
        unknown.TryGetProperty("smsRules[1]", out var message).ShouldBeTrue();
        message[0].GetString()!.ShouldContain("没有短信模板"); // zh-CN first
        unknown.TryGetProperty("smsRules[0]", out _).ShouldBeFalse();

        var view = await HttpJson.Json(await client.GetAsync("/preferences"));
        view.GetProperty("version").GetInt64().ShouldBe(0);
        (await Admin.GetAsync($"/recipients/{person}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
