using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.ChannelStandIns.WeChat;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>
/// Urgent alarms reach people who bound WeChat there before SMS: in-app first, WeChat after five
/// minutes (through the real client and the official account's stand-in), SMS after ten, then up
/// the chain. An acknowledgement stops both; a refusal marks the binding and SMS goes at once.
/// </summary>
public sealed class WeChatFallbackTests(ChannelFallbackFixture fixture) : IClassFixture<ChannelFallbackFixture>
{
    private const string Rule = UrgentAlarmScenario.Rule;
    private NotificationsHost Host => fixture.Host;
    private ChannelStandInHost StandIn => fixture.StandIn;
    private FakeTimeProvider Clock => fixture.Clock;

    private readonly UrgentAlarmScenario _scenario = new(fixture);

    private Task<List<ReceivedWeChatMessage>> WeChatTo(string openId, int count, string what) =>
        Eventually.Until(() => StandIn.WeChatMessagesOverHttpAsync(openId), m => m.Count >= count, what);

    private Task<List<FiveSocieties.ChannelStandIns.Sms.ReceivedSms>> TextsTo(string phone, int count, string what) =>
        Eventually.Until(() => StandIn.MessagesOverHttpAsync(phone), m => m.Count >= count, what);

    [Fact]
    public async Task A_missed_meal_reaches_the_caseworker_by_WeChat_then_unacknowledged_by_SMS_then_the_supervisor()
    {
        var (station, supervisor) = await _scenario.StationWithSupervisorAsync(boundToWeChat: true);
        var (caseworker, caseId) = await _scenario.CaseWithCaseworkerAsync(station, boundToWeChat: true);
        var (phone, openId) = (caseworker.Phone, caseworker.OpenId!);
        var missed = await _scenario.MissAMealAsync(caseId, station, caseworker.Id);
        (await StandIn.WeChatMessagesOverHttpAsync(openId)).ShouldBeEmpty(); // in-app first

        Clock.Advance(TimeSpan.FromMinutes(6));
        var message = (await WeChatTo(openId, 1, "the caseworker's WeChat notification")).ShouldHaveSingleItem();
        message.TemplateId.ShouldBe("standin-tpl-missed-meal");
        message.Data.ShouldBe(new Dictionary<string, string> { ["thing1"] = "独居服务对象送餐未送达", ["time2"] = "12月1日", ["thing3"] = "敲门无人应答" },
            ignoreOrder: true);
        (await StandIn.MessagesOverHttpAsync(phone)).ShouldBeEmpty(); // SMS waits its own ten minutes

        Clock.Advance(TimeSpan.FromMinutes(5));
        (await TextsTo(phone, 1, "the caseworker's SMS, still unacknowledged")).ShouldHaveSingleItem().TemplateCode.ShouldBe("SMS_490001");
        var id = NotificationIds.For(missed.EventId, caseworker.Id, Rule);
        var notification = await Eventually.Until(async () =>
        {
            await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await session.LoadAsync<Notification>(id);
        }, n => n is not null && n.DeliveredOn.Contains(FiveSocieties.Notifications.Recipients.Channel.Sms), "both deliveries recorded");
        notification!.DeliveredOn.ShouldContain(FiveSocieties.Notifications.Recipients.Channel.WeChat);

        Clock.Advance(TimeSpan.FromMinutes(20));
        await Eventually.Until(async () => await HttpJson.Json(await _scenario.Admin.GetAsync($"/alarms/{AlarmIds.For(missed.EventId, Rule)}")),
            a => a.ValueKind == JsonValueKind.Object && a.GetProperty("level").GetInt32() == 1, "level 1: the supervisor");
        await Host.ClientAs(Roles.Supervisor, supervisor.Id, station).InboxWithAsync("escalation");
        Clock.Advance(TimeSpan.FromMinutes(6));
        (await WeChatTo(supervisor.OpenId!, 1, "the supervisor's WeChat notification")).ShouldHaveSingleItem().TemplateId.ShouldBe("standin-tpl-escalation");
    }

    [Fact]
    public async Task An_acknowledgement_stops_the_WeChat_and_SMS_fallback()
    {
        var (station, _) = await _scenario.StationWithSupervisorAsync();
        var (acknowledging, ackCase) = await _scenario.CaseWithCaseworkerAsync(station, boundToWeChat: true);
        var (witness, witnessCase) = await _scenario.CaseWithCaseworkerAsync(station, boundToWeChat: true);
        var acknowledged = await _scenario.MissAMealAsync(ackCase, station, acknowledging.Id);
        await _scenario.MissAMealAsync(witnessCase, station, witness.Id);

        var id = NotificationIds.For(acknowledged.EventId, acknowledging.Id, Rule);
        (await Host.ClientAs(Roles.Caseworker, acknowledging.Id, station).PostAsync($"/inbox/{id}/acknowledge", null)).EnsureSuccessStatusCode();

        Clock.Advance(TimeSpan.FromMinutes(11));
        await TextsTo(witness.Phone, 1, "the unacknowledged one's SMS (the sweeps ran)");
        (await StandIn.WeChatMessagesOverHttpAsync(witness.OpenId!)).ShouldHaveSingleItem();
        (await StandIn.WeChatMessagesOverHttpAsync(acknowledging.OpenId!)).ShouldBeEmpty();
        (await StandIn.MessagesOverHttpAsync(acknowledging.Phone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refusal_marks_the_binding_and_SMS_is_tried_at_once()
    {
        var (station, _) = await _scenario.StationWithSupervisorAsync();
        var (caseworker, caseId) = await _scenario.CaseWithCaseworkerAsync(station, boundToWeChat: true);
        StandIn.WeChat.Refuse(new WeChatRefusalRule(caseworker.OpenId, null, 43101));
        var missed = await _scenario.MissAMealAsync(caseId, station, caseworker.Id);
        var caseworkerClient = Host.ClientAs(Roles.Caseworker, caseworker.Id, station);

        Clock.Advance(TimeSpan.FromMinutes(6));
        var binding = await Eventually.Until(async () => await HttpJson.Json(await caseworkerClient.GetAsync("/wechat-binding")),
            b => b.GetProperty("status").GetString() != "Active", "the binding marked");
        binding.GetProperty("status").GetString().ShouldBe("Unsubscribed");
        // Four minutes before its own wait: the next sweep sends it.
        Clock.Advance(TimeSpan.FromSeconds(2));
        (await TextsTo(caseworker.Phone, 1, "the SMS brought forward")).ShouldHaveSingleItem();

        var id = NotificationIds.For(missed.EventId, caseworker.Id, Rule);
        var failure = await Eventually.Until(async () => (await HttpJson.Json(await _scenario.Admin.GetAsync("/deliveries/failures"))).EnumerateArray()
            .Where(f => f.GetProperty("notificationId").GetGuid() == id).ToArray(), f => f.Length == 1, "the refused WeChat for operators");
        failure[0].GetProperty("channel").GetString().ShouldBe("WeChat");
        failure[0].GetProperty("reason").GetString()!.ShouldContain("43101");
    }

    [Fact]
    public async Task A_bad_openid_is_refused_naming_the_field_and_nothing_is_written()
    {
        var client = Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid());

        var response = await client.PutAsJsonAsync("/wechat-binding", new { openId = "x<y" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.GetProperty("openId")[0].GetString()!.ShouldContain("openid");
        (await HttpJson.Json(await client.GetAsync("/wechat-binding"))).GetProperty("bound").GetBoolean().ShouldBeFalse();
        var preferences = await client.PutPreferencesAsync(new { channels = new[] { "WeChat" } });
        preferences.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
