using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Providers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>What Matching published, as another service hears it.</summary>
public sealed class HeardFromMatching
{
    public ConcurrentQueue<object> Messages { get; } = new();
    public IReadOnlyList<T> Of<T>() => Messages.OfType<T>().ToList();
}

public sealed class MatchingListener(HeardFromMatching heard) :
    IConsumer<V1.ProviderRegistered>, IConsumer<V1.ResourceOffered>, IConsumer<V1.ResourceWithdrawn>, IConsumer<V1.ResourceCapacityChanged>,
    IConsumer<V1.ResourceMatchedToNeeds>, IConsumer<V1.ReferralProposed>, IConsumer<V1.ReferralApproved>, IConsumer<V1.ReferralAccepted>,
    IConsumer<V1.ReferralDeclined>, IConsumer<V1.ReferralExpired>, IConsumer<V1.ReferralCompleted>, IConsumer<V1.ReferralCancelled>
{
    private Task Hear(object message) { heard.Messages.Enqueue(message); return Task.CompletedTask; }
    public Task Consume(ConsumeContext<V1.ProviderRegistered> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ResourceOffered> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ResourceWithdrawn> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ResourceCapacityChanged> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ResourceMatchedToNeeds> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralProposed> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralApproved> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralAccepted> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralDeclined> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralExpired> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralCompleted> context) => Hear(context.Message);
    public Task Consume(ConsumeContext<V1.ReferralCancelled> context) => Hear(context.Message);
}

/// <summary>
/// The Matching service on a clock the test moves, and "Cases and Notifications" as one small
/// worker host: it publishes what Cases would (NeedRaised …) and hears what Matching publishes.
/// </summary>
public sealed class MatchingFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<KnownCase> Host { get; private set; } = null!;
    public HeardFromMatching Heard { get; } = new();
    private IHost _neighbour = null!;
    public IBus Bus => _neighbour.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Host = await new ServiceHost<KnownCase>("matching", Isolation, services => services.AddSingleton<TimeProvider>(Clock)).StartAsync();
        var builder = WorkerHost.CreateBuilder("neighbour", Isolation.SettingsFor("neighbour"));
        builder.Logging.ToCaptureOnly("neighbour");
        builder.AddMessaging(bus => bus.AddConsumer<MatchingListener>());
        builder.Services.AddSingleton(Heard);
        _neighbour = builder.Build();
        await _neighbour.StartAndWaitForBusAsync();
    }

    public async Task DisposeAsync()
    {
        if (_neighbour is not null) { await _neighbour.StopAsync(); if (_neighbour is IAsyncDisposable d) await d.DisposeAsync(); }
        if (Host is not null) await Host.DisposeAsync();
        await Isolation.DisposeAsync();
    }

    /// <summary>A client whose token outlives the days the clock is moved.</summary>
    public HttpClient ClientAs(string role, Guid? userId = null, Guid? stationId = null, Guid? providerId = null)
    {
        var client = Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId ?? Guid.NewGuid(), [role], stationId, lifetime: TimeSpan.FromDays(60),
            providerId: providerId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Whether Matching's consumer has handled (committed) the message with this id.</summary>
    public async Task<bool> HandledAsync<TConsumer>(Guid messageId)
    {
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return await session.LoadAsync<InboxRecord>(InboxRecord.IdFor(typeof(TConsumer), messageId)) is not null;
    }

    /// <summary>The referrals of a need, as its caseworker lists them.</summary>
    public static async Task<JsonElement> ReferralsOfAsync(HttpClient caseworker, Guid needId) =>
        await HttpJson.Json(await caseworker.GetAsync($"/referrals?needId={needId}"));

    /// <summary>Waits for a referral of the need awaiting the caseworker's approval (of that offer, when named) and returns it.</summary>
    public static async Task<JsonElement> ProposalAsync(HttpClient caseworker, Guid needId, Guid? offerId = null)
    {
        bool Proposed(JsonElement r) => r.GetProperty("status").GetString() == "AwaitingApproval"
                                        && (offerId is null || r.GetProperty("offerId").GetGuid() == offerId);
        var referrals = await Eventually.Until(() => ReferralsOfAsync(caseworker, needId), list => list.EnumerateArray().Any(Proposed),
            $"a proposal{(offerId is null ? "" : $" of offer {offerId}")} for need {needId}");
        return referrals.EnumerateArray().First(Proposed);
    }

    private static int _codes;

    /// <summary>A valid credit code, different each call.</summary>
    public static string NewCreditCode()
    {
        var first = $"9114022{Interlocked.Increment(ref _codes) + Random.Shared.Next(100000):D10}";
        return first + CreditCode.CheckCharacter(first);
    }

    public async Task<Guid> RegisterProviderAsync(string name = "阳高县龙泉镇长者食堂", string kind = "Canteen")
    {
        var id = Guid.NewGuid();
        var response = await ClientAs(Roles.Admin).PostAsJsonAsync("/providers", new
        {
            providerId = id, name, kind, creditCode = NewCreditCode(),
            contact = new { name = "王经理", phone = "0352-6621234" }, area = new { districts = new[] { "阳高县" } },
        });
        await HttpJson.Json(response);
        return id;
    }

    public async Task<Guid> OfferAsync(Guid providerId, object? overrides = null, int capacity = 10, string category = "MealDelivery",
        string[]? districts = null, double? latitude = null, DateOnly? validUntil = null)
    {
        var id = Guid.NewGuid();
        var response = await ClientAs(Roles.Provider, providerId: providerId).PostAsJsonAsync("/offers", new
        {
            offerId = id, category, title = $"{category} offer {id.ToString()[..4]}", capacity,
            area = new { districts = districts ?? ["阳高县"] },
            eligibility = new { clientGroups = new[] { "Elderly" }, minAge = 60 },
            servicePoint = latitude is { } lat ? new { latitude = lat, longitude = 113.75 } : null,
            schedule = new { days = new[] { "Monday", "Wednesday", "Friday" }, from = "11:00", to = "12:30" }, validUntil,
        });
        await HttpJson.Json(response);
        return id;
    }

    public static V1.NeedRaised Need(Guid caseworker, Guid station, string category = "MealDelivery", string district = "阳高县",
        V1.Urgency urgency = V1.Urgency.Soon, V1.RiskLevel risk = V1.RiskLevel.Medium) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), station, caseworker, Enum.Parse<V1.NeedCategory>(category),
            urgency, V1.Recurrence.Daily, 1, DateOnly.FromDateTime(DateTime.UtcNow), V1.ClientGroup.Elderly,
            [V1.ClientCategory.LivesAlone], new V1.GridLocation(district, "龙泉镇", "LQ-1"), ClientAge: 81, AbilityLevel: 2,
            RiskLevel: risk, ApproximatePosition: new V1.GeoPoint(40.36, 113.75));
}
