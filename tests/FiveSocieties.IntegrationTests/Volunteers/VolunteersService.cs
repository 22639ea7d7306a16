using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Volunteer = FiveSocieties.Volunteers.Registry.Volunteer;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>What the Volunteers service published, as another service receives it.</summary>
public sealed class Heard
{
    public ConcurrentQueue<object> Messages { get; } = new();
    public IEnumerable<T> Of<T>() => Messages.OfType<T>();
}

public sealed class HeardConsumer(Heard heard) :
    IConsumer<V1.VolunteerRegistered>, IConsumer<V1.VolunteerDispatched>, IConsumer<V1.DispatchFailed>, IConsumer<V1.DeliveryCompleted>,
    IConsumer<V1.DeliveryMissed>, IConsumer<V1.VolunteerHoursCredited>, IConsumer<V1.DeliveryReminderDue>, IConsumer<V1.VisitCompleted>,
    IConsumer<V1.DeliverySkippedByRecipient>, IConsumer<V1.RecipientDetailsShown>
{
    public Task Consume(ConsumeContext<V1.VolunteerRegistered> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.VolunteerDispatched> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DispatchFailed> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DeliveryCompleted> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DeliveryMissed> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.VolunteerHoursCredited> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DeliveryReminderDue> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.VisitCompleted> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.DeliverySkippedByRecipient> context) => Record(context.Message);
    public Task Consume(ConsumeContext<V1.RecipientDetailsShown> context) => Record(context.Message);

    private Task Record(object message)
    {
        heard.Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The Volunteers service on a clock the test moves, and "the other services": a host that
/// publishes what Cases and Matching would, and hears what Volunteers publishes.
/// </summary>
public class VolunteersService : IAsyncLifetime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    // Tomorrow 05:00 in China: the morning plan is not yet due, and tokens minted now are valid.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2), TimeSpan.Zero).AddHours(-3));
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Volunteer> Host { get; private set; } = null!;
    public Heard Heard { get; } = new();
    private IHost _others = null!;
    public IBus Others => _others.Services.GetRequiredService<IBus>();

    /// <summary>The SMS platform's stand-in the service texts through, when <see cref="WithSms"/>.</summary>
    public ChannelStandInHost? Channels { get; private set; }
    public const string SmsToken = "volunteers-sms-token-0123456789";
    protected virtual bool WithSms => false;

    public DateOnly LocalToday => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(Offset).DateTime);

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        var others = WorkerHost.CreateBuilder("others", Isolation.SettingsFor("others"));
        others.Logging.ToCaptureOnly("others");
        others.AddMessaging(bus => bus.AddConsumer<HeardConsumer>());
        others.Services.AddSingleton(Heard);
        _others = others.Build();
        await _others.StartAndWaitForBusAsync();
        if (WithSms) Channels = await ChannelStandInHost.StartAsync(clock: Clock);
        var settings = Channels?.ClientSettings(SmsToken).ToDictionary(s => s.Key, s => s.Value!);
        var host = new ServiceHost<Volunteer>("volunteers", Isolation, services => services.AddSingleton<TimeProvider>(Clock), settings);
        // On a real socket when the stand-in pushes replies to it, as the platform would.
        Host = await (WithSms ? host.OnKestrel() : host).StartAsync();
        if (Channels is not null)
        {
            var address = Host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            Channels.Sms.Settings.ReplyUrl = $"{address}/sms/replies/{SmsToken}";
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Channels is not null) await Channels.DisposeAsync();
        if (_others is not null)
        {
            await _others.StopAsync();
            if (_others is IAsyncDisposable disposable) await disposable.DisposeAsync(); else _others.Dispose();
        }
        await Isolation.DisposeAsync();
    }

    /// <summary>Tokens outlive the days the clock is moved, whichever clock the token check reads.</summary>
    public HttpClient ClientAs(string role, Guid userId, Guid? stationId = null)
    {
        var client = Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId, [role], stationId, lifetime: TimeSpan.FromDays(30));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Infrastructure.Eventually.Until(probe, done, what, TimeSpan.FromSeconds(30));

    public static async Task<JsonElement> GetJson(HttpClient client, string path) => await HttpJson.Json(await client.GetAsync(path));

    // ---- what the other services would publish ----

    public static readonly V1.GeoPoint Canteen = new(40.0900, 113.2950); // 平城区长者食堂

    public Task CaseOpened(Guid caseId, Guid stationId, params V1.ClientCategory[] categories) => CaseOpened(caseId, stationId, V1.ClientGroup.Elderly, categories);

    public Task CaseOpened(Guid caseId, Guid stationId, V1.ClientGroup group, params V1.ClientCategory[] categories) =>
        Others.Publish(new V1.CaseOpened(Guid.NewGuid(), Clock.GetUtcNow(), caseId, stationId, Guid.NewGuid(), group,
            categories, new V1.GridLocation("平城区", "新建街道", "XJ-01")));

    public Task ReferralAccepted(Guid caseId, Guid stationId, Guid? needId = null, V1.NeedCategory category = V1.NeedCategory.MealDelivery) =>
        Others.Publish(new V1.ReferralAccepted(Guid.NewGuid(), Clock.GetUtcNow(), Guid.NewGuid(), needId ?? Guid.NewGuid(), caseId, stationId,
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "平城区长者食堂", category, Canteen,
            new V1.WeeklySchedule(Enum.GetValues<DayOfWeek>(), new TimeOnly(11, 0), new TimeOnly(12, 30))));

    public Task RecipientShared(Guid caseId, Guid stationId, string name, double latitude, double longitude, bool livesAlone = false,
        Guid? consentId = null, Guid? messageId = null, TimeSpan? validFor = null, string phone = "13800001111") =>
        Others.Publish(new V1.DeliveryRecipientShared(Guid.NewGuid(), Clock.GetUtcNow(), consentId ?? Guid.NewGuid(), caseId, stationId, name,
            "平城区新建南路 8 号 3 单元", phone, "低盐 low salt", new V1.GeoPoint(latitude, longitude),
            new V1.GridLocation("平城区", "新建街道", "XJ-01"), livesAlone, Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(365))),
            context => context.MessageId = messageId ?? NewId.NextGuid());

    /// <summary>Cases says the household agreed to be texted about its meals.</summary>
    public Task SmsContactAllowed(Guid caseId, Guid consentId, TimeSpan? validFor = null) =>
        Others.Publish(new V1.HouseholdSmsContactAllowed(Guid.NewGuid(), Clock.GetUtcNow(), consentId, caseId,
            Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(365))));

    /// <summary>Registers a volunteer (as themself) available every day 08:00–20:00, living at the given place.</summary>
    public async Task<Guid> VolunteerAsync(Guid stationId, double latitude, double longitude, int maxLoad = 5, string skill = "MealDelivery")
    {
        var id = Guid.NewGuid();
        var client = ClientAs(Roles.Volunteer, id);
        (await client.PostAsJsonAsync("/volunteers", new
        {
            stationId, name = "志愿者 " + id.ToString()[..4], phone = "13900000000", home = new { latitude, longitude },
            skills = new[] { skill }, languages = new[] { "zh-CN" }, isSenior = true, maxLoad,
        })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/volunteers/{id}/availability", new
        {
            slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "08:00", to = "20:00" } },
        })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A household enrolled (both halves arrived) and visible to the station's coordinator.</summary>
    public async Task EnrolAsync(Guid caseId, Guid stationId, string name, double latitude, double longitude, bool livesAlone = false,
        string phone = "13800001111", bool smsContact = true)
    {
        await CaseOpened(caseId, stationId, livesAlone ? [V1.ClientCategory.LivesAlone] : []);
        if (smsContact) await SmsContactAllowed(caseId, Guid.NewGuid());
        await RecipientShared(caseId, stationId, name, latitude, longitude, livesAlone, phone: phone);
        await ReferralAccepted(caseId, stationId);
        var coordinator = ClientAs(Roles.Supervisor, Guid.NewGuid(), stationId);
        await Eventually(() => GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"
                                                   && (e.TryGetProperty("smsContactUntil", out var until) && until.ValueKind != JsonValueKind.Null) == smsContact),
            $"case {caseId} enrolled");
    }
}
