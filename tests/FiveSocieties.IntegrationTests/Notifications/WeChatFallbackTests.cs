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

public sealed class WeChatFallbackFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    public TestIsolation Isolation { get; } = new();
    public ChannelStandInHost StandIn { get; private set; } = null!;
    public NotificationsHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        StandIn = await ChannelStandInHost.StartAsync(clock: Clock);
        Host = await new NotificationsHost(Isolation, [.. StandIn.ClientSettings("receipts-0123456789abcdef"), .. StandIn.WeChatClientSettings()],
                s => s.AddSingleton<TimeProvider>(Clock))
            .OnKestrel().StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (StandIn is not null) await StandIn.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

/// <summary>
/// Urgent alarms reach people who bound WeChat there before SMS: in-app first, WeChat after five
/// minutes (through the real client and the official account's stand-in), SMS after ten, then up
/// the chain. An acknowledgement stops both; a refusal marks the binding and SMS goes at once.
/// </summary>
public sealed class WeChatFallbackTests(WeChatFallbackFixture fixture) : IClassFixture<WeChatFallbackFixture>
{
    private const string Rule = "delivery-missed.lives-alone";
    private NotificationsHost Host => fixture.Host;
    private ChannelStandInHost StandIn => fixture.StandIn;
    private FakeTimeProvider Clock => fixture.Clock;
    private HttpClient Admin => Host.ClientAs(Roles.Admin, Guid.NewGuid());

    private static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999);
    private static string NewOpenId() => "o" + Guid.NewGuid().ToString("N")[..27];
    private static string NewDistrict() => Random.Shared.Next(110000, 659999).ToString();

    private static async Task BindAsync(HttpClient person, string openId) =>
        (await person.PutAsJsonAsync("/wechat-binding", new { openId })).EnsureSuccessStatusCode();

    private async Task<(Guid Station, Guid Supervisor, string OpenId)> StationWithBoundSupervisorAsync()
    {
        var district = NewDistrict();
        var station = Guid.NewGuid();
        await Host.PublishAsync(new V1.StationOpened(Guid.NewGuid(), Clock.GetUtcNow(), station, district, district + "001"));
        var supervisor = Guid.NewGuid();
        await Host.PublishAsync(new V1.StaffJoined(Guid.NewGuid(), Clock.GetUtcNow(), supervisor, V1.StaffRole.Supervisor, station, district),
            streamVersion: 1);
        await Eventually.Until(() => Admin.GetAsync($"/recipients/{supervisor}"), r => r.IsSuccessStatusCode, "the supervisor on the roster");
        var client = Host.ClientAs(Roles.Supervisor, supervisor, station);
        (await client.PutPreferencesAsync(new { phone = NewPhone() })).EnsureSuccessStatusCode();
        var openId = NewOpenId();
        await BindAsync(client, openId);
        return (station, supervisor, openId);
    }

    private async Task<(Guid Caseworker, Guid Case, string Phone, string OpenId)> CaseWithBoundCaseworkerAsync(Guid station)
    {
        var (caseworker, caseId) = (Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), Clock.GetUtcNow(), caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("云冈区", "口泉乡", "KQ-3")));
        await Eventually.Until(() => Admin.GetAsync($"/case-responsibilities/{caseId}"), r => r.IsSuccessStatusCode, "the case's caseworker known");
        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        var phone = NewPhone();
        (await client.PutPreferencesAsync(new { phone })).EnsureSuccessStatusCode();
        var openId = NewOpenId();
        await BindAsync(client, openId);
        return (caseworker, caseId, phone, openId);
    }

    private async Task<V1.DeliveryMissed> MissAMealAsync(Guid caseId, Guid station, Guid caseworker)
    {
        var missed = new V1.DeliveryMissed(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), caseId, station, Guid.NewGuid(),
            new DateOnly(2026, 12, 1), V1.MissReason.NoAnswerAtDoor, LivesAlone: true);
        await Host.PublishAsync(missed);
        await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync(Rule);
        return missed;
    }

    private Task<List<ReceivedWeChatMessage>> WeChatTo(string openId, int count, string what) =>
        Eventually.Until(() => StandIn.WeChatMessagesOverHttpAsync(openId), m => m.Count >= count, what);

    private Task<List<FiveSocieties.ChannelStandIns.Sms.ReceivedSms>> TextsTo(string phone, int count, string what) =>
        Eventually.Until(() => StandIn.MessagesOverHttpAsync(phone), m => m.Count >= count, what);

    [Fact]
    public async Task A_missed_meal_reaches_the_caseworker_by_WeChat_then_unacknowledged_by_SMS_then_the_supervisor()
    {
        var (station, supervisor, supervisorOpenId) = await StationWithBoundSupervisorAsync();
        var (caseworker, caseId, phone, openId) = await CaseWithBoundCaseworkerAsync(station);
        var missed = await MissAMealAsync(caseId, station, caseworker);
        (await StandIn.WeChatMessagesOverHttpAsync(openId)).ShouldBeEmpty(); // in-app first

        Clock.Advance(TimeSpan.FromMinutes(6));
        var message = (await WeChatTo(openId, 1, "the caseworker's WeChat notification")).ShouldHaveSingleItem();
        message.TemplateId.ShouldBe("standin-tpl-missed-meal");
        message.Data.ShouldBe(new Dictionary<string, string> { ["thing1"] = "独居服务对象送餐未送达", ["time2"] = "12月1日", ["thing3"] = "敲门无人应答" },
            ignoreOrder: true);
        (await StandIn.MessagesOverHttpAsync(phone)).ShouldBeEmpty(); // SMS waits its own ten minutes

        Clock.Advance(TimeSpan.FromMinutes(5));
        (await TextsTo(phone, 1, "the caseworker's SMS, still unacknowledged")).ShouldHaveSingleItem().TemplateCode.ShouldBe("SMS_490001");
        var id = NotificationIds.For(missed.EventId, caseworker, Rule);
        var notification = await Eventually.Until(async () =>
        {
            await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await session.LoadAsync<Notification>(id);
        }, n => n is not null && n.DeliveredOn.Contains(FiveSocieties.Notifications.Recipients.Channel.Sms), "both deliveries recorded");
        notification!.DeliveredOn.ShouldContain(FiveSocieties.Notifications.Recipients.Channel.WeChat);

        Clock.Advance(TimeSpan.FromMinutes(20));
        await Eventually.Until(async () => await HttpJson.Json(await Admin.GetAsync($"/alarms/{AlarmIds.For(missed.EventId, Rule)}")),
            a => a.ValueKind == JsonValueKind.Object && a.GetProperty("level").GetInt32() == 1, "level 1: the supervisor");
        await Host.ClientAs(Roles.Supervisor, supervisor, station).InboxWithAsync("escalation");
        Clock.Advance(TimeSpan.FromMinutes(6));
        (await WeChatTo(supervisorOpenId, 1, "the supervisor's WeChat notification")).ShouldHaveSingleItem().TemplateId.ShouldBe("standin-tpl-escalation");
    }

    [Fact]
    public async Task An_acknowledgement_stops_the_WeChat_and_SMS_fallback()
    {
        var (station, _, _) = await StationWithBoundSupervisorAsync();
        var (acknowledging, ackCase, ackPhone, ackOpenId) = await CaseWithBoundCaseworkerAsync(station);
        var (witness, witnessCase, witnessPhone, _) = await CaseWithBoundCaseworkerAsync(station);
        var acknowledged = await MissAMealAsync(ackCase, station, acknowledging);
        await MissAMealAsync(witnessCase, station, witness);

        var id = NotificationIds.For(acknowledged.EventId, acknowledging, Rule);
        (await Host.ClientAs(Roles.Caseworker, acknowledging, station).PostAsync($"/inbox/{id}/acknowledge", null)).EnsureSuccessStatusCode();

        Clock.Advance(TimeSpan.FromMinutes(11));
        await TextsTo(witnessPhone, 1, "the unacknowledged one's SMS (the sweeps ran)");
        (await StandIn.WeChatMessagesOverHttpAsync(ackOpenId)).ShouldBeEmpty();
        (await StandIn.MessagesOverHttpAsync(ackPhone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refusal_marks_the_binding_and_SMS_is_tried_at_once()
    {
        var (station, _, _) = await StationWithBoundSupervisorAsync();
        var (caseworker, caseId, phone, openId) = await CaseWithBoundCaseworkerAsync(station);
        StandIn.WeChat.Refuse(new WeChatRefusalRule(openId, null, 43101));
        var missed = await MissAMealAsync(caseId, station, caseworker);
        var caseworkerClient = Host.ClientAs(Roles.Caseworker, caseworker, station);

        Clock.Advance(TimeSpan.FromMinutes(6));
        var binding = await Eventually.Until(async () => await HttpJson.Json(await caseworkerClient.GetAsync("/wechat-binding")),
            b => b.GetProperty("status").GetString() != "Active", "the binding marked");
        binding.GetProperty("status").GetString().ShouldBe("Unsubscribed");
        // Four minutes before its own wait: the next sweep sends it.
        Clock.Advance(TimeSpan.FromSeconds(2));
        (await TextsTo(phone, 1, "the SMS brought forward")).ShouldHaveSingleItem();

        var id = NotificationIds.For(missed.EventId, caseworker, Rule);
        var failure = await Eventually.Until(async () => (await HttpJson.Json(await Admin.GetAsync("/deliveries/failures"))).EnumerateArray()
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
