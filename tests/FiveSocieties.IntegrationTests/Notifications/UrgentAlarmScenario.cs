using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>Notifications on the real servers, its SMS and WeChat clients pointed at the stand-ins, on a fake clock.</summary>
public sealed class ChannelFallbackFixture : IAsyncLifetime
{
    public const string ReceiptToken = "receipts-0123456789abcdef";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    public TestIsolation Isolation { get; } = new();
    public ChannelStandInHost StandIn { get; private set; } = null!;
    public NotificationsHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        StandIn = await ChannelStandInHost.StartAsync(clock: Clock);
        Host = await new NotificationsHost(Isolation,
                [.. StandIn.ClientSettings(ReceiptToken), .. StandIn.WeChatClientSettings(), new("Notifications:Sms:DailyCap", "2")],
                s => s.AddSingleton<TimeProvider>(Clock))
            .OnKestrel().StartAsync();
        StandIn.Sms.Settings.ReceiptUrl = new Uri(Host.Address, $"/sms/receipts/{ReceiptToken}").ToString();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (StandIn is not null) await StandIn.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}

/// <summary>
/// The people an urgent missed-meal alarm reaches: a station with its supervisor, a case of
/// someone living alone with its caseworker, each with a mobile number and, when asked, a WeChat binding.
/// </summary>
public sealed class UrgentAlarmScenario(ChannelFallbackFixture fixture)
{
    public const string Rule = "delivery-missed.lives-alone";
    private NotificationsHost Host => fixture.Host;
    private FakeTimeProvider Clock => fixture.Clock;
    public HttpClient Admin => Host.ClientAs(Roles.Admin, Guid.NewGuid());

    public static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999);
    private static string NewOpenId() => "o" + Guid.NewGuid().ToString("N")[..27];
    private static string NewDistrict() => Random.Shared.Next(110000, 659999).ToString();

    public sealed record Person(Guid Id, string Phone, string? OpenId);

    public async Task<(Guid Station, Person Supervisor)> StationWithSupervisorAsync(bool boundToWeChat = false)
    {
        var district = NewDistrict();
        var station = Guid.NewGuid();
        await Host.PublishAsync(new V1.StationOpened(Guid.NewGuid(), Clock.GetUtcNow(), station, district, district + "001"));
        var supervisor = Guid.NewGuid();
        await Host.PublishAsync(new V1.StaffJoined(Guid.NewGuid(), Clock.GetUtcNow(), supervisor, V1.StaffRole.Supervisor, station, district),
            streamVersion: 1);
        await Eventually.Until(() => Admin.GetAsync($"/recipients/{supervisor}"), r => r.IsSuccessStatusCode, "the supervisor on the roster");
        return (station, await ReachableAsync(Host.ClientAs(Roles.Supervisor, supervisor, station), supervisor, NewPhone(), boundToWeChat));
    }

    public async Task<(Person Caseworker, Guid Case)> CaseWithCaseworkerAsync(Guid station, bool boundToWeChat = false)
    {
        var (caseworker, caseId) = (Guid.NewGuid(), Guid.NewGuid());
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), Clock.GetUtcNow(), caseId, station, caseworker, V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation("云冈区", "口泉乡", "KQ-3")));
        await Eventually.Until(() => Admin.GetAsync($"/case-responsibilities/{caseId}"), r => r.IsSuccessStatusCode, "the case's caseworker known");
        var phone = NewPhone();
        var person = await ReachableAsync(Host.ClientAs(Roles.Caseworker, caseworker, station), caseworker, "+86 " + phone, boundToWeChat);
        return (person with { Phone = phone }, caseId);
    }

    public async Task<V1.DeliveryMissed> MissAMealAsync(Guid caseId, Guid station, Guid caseworker)
    {
        var missed = new V1.DeliveryMissed(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), caseId, station, Guid.NewGuid(),
            new DateOnly(2026, 12, 1), V1.MissReason.NoAnswerAtDoor, LivesAlone: true);
        await Host.PublishAsync(missed);
        await Host.ClientAs(Roles.Caseworker, caseworker, station).InboxWithAsync(Rule);
        return missed;
    }

    private static async Task<Person> ReachableAsync(HttpClient client, Guid id, string phone, bool boundToWeChat)
    {
        (await client.PutPreferencesAsync(new { phone })).EnsureSuccessStatusCode();
        if (!boundToWeChat) return new Person(id, phone, null);
        var openId = NewOpenId();
        (await client.PutAsJsonAsync("/wechat-binding", new { openId })).EnsureSuccessStatusCode();
        return new Person(id, phone, openId);
    }
}
