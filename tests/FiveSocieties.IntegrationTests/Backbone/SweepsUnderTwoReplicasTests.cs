using System.Net.Http.Headers;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.IntegrationTests.Matching;
using FiveSocieties.IntegrationTests.Notifications;
using FiveSocieties.Matching.Directory;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Notifications.Alarms;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// Two replicas each of Notifications and Matching on one clock the test moves: an alarm
/// nobody acknowledges escalates once, an offer past its last day expires once, and each of those
/// sweeps is held by one replica.
/// </summary>
public sealed class SweepsUnderTwoReplicasTests : IAsyncLifetime
{
    // 06:00 in Shanghai.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
    private readonly TestIsolation _isolation = new();
    private readonly List<IAsyncDisposable> _hosts = [];
    private NotificationsHost _notifications = null!;
    private ServiceHost<KnownCase> _matching = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        void OnTheClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);
        for (var replica = 0; replica < 2; replica++)
        {
            _hosts.Add(_notifications = await new NotificationsHost(_isolation, services: OnTheClock).StartAsync());
            _hosts.Add(_matching = await new ServiceHost<KnownCase>("matching", _isolation, OnTheClock).StartAsync());
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    /// <summary>A client whose token outlives the days the clock is moved.</summary>
    private static HttpClient As<T>(WebApplicationFactory<T> host, string role, Guid? userId = null, Guid? stationId = null, Guid? providerId = null)
        where T : class
    {
        var client = host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId ?? Guid.NewGuid(), [role], stationId, lifetime: TimeSpan.FromDays(60),
            providerId: providerId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task An_alarm_escalates_once_and_an_offer_expires_once_under_two_replicas()
    {
        // An urgent alarm that nobody acknowledges for 31 minutes.
        var (station, supervisorId, caseworkerId, caseId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var supervisor = As(_notifications, Roles.Supervisor, supervisorId, station);
        (await supervisor.PutPreferencesAsync(new { language = "en" })).EnsureSuccessStatusCode();
        await _notifications.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), _clock.GetUtcNow(), caseId, station, caseworkerId,
            V1.ClientGroup.Elderly, [V1.ClientCategory.LivesAlone], new V1.GridLocation("云冈区", "口泉乡", "KQ-3")));
        var admin = As(_notifications, Roles.Admin);
        await Eventually.Until(() => admin.GetAsync($"/recipients/{caseworkerId}"), r => r.IsSuccessStatusCode, "the caseworker in the directory");
        await _notifications.PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), _clock.GetUtcNow(), Guid.NewGuid(), caseId, station, Guid.NewGuid(),
            Beijing.DateOf(_clock.GetUtcNow()), V1.MissReason.NoAnswerAtDoor, LivesAlone: true));
        await As(_notifications, Roles.Caseworker, caseworkerId, station).InboxWithAsync("delivery-missed.lives-alone");

        // An offer whose last day is tomorrow.
        var provider = Guid.NewGuid();
        await HttpJson.Json(await As(_matching, Roles.Admin).PostAsJsonAsync("/providers", new
        {
            providerId = provider, name = "阳高县龙泉镇长者食堂", kind = "Canteen", creditCode = MatchingFixture.NewCreditCode(),
            contact = new { name = "王经理", phone = "0352-6621234" }, area = new { districts = new[] { "阳高县" } },
        }));
        var offerId = Guid.NewGuid();
        var lastDay = Beijing.DateOf(_clock.GetUtcNow()).AddDays(1);
        await HttpJson.Json(await As(_matching, Roles.Provider, providerId: provider).PostAsJsonAsync("/offers", new
        {
            offerId, category = "MealDelivery", title = "助餐", capacity = 5, area = new { districts = new[] { "阳高县" } },
            eligibility = new { clientGroups = new[] { "Elderly" } }, validUntil = lastDay,
        }));

        _clock.Advance(TimeSpan.FromMinutes(31));
        var escalations = await supervisor.InboxWithAsync("escalation");

        _clock.SetUtcNow(Beijing.At(lastDay.AddDays(1), new TimeOnly(0, 1)));
        var store = _matching.Services.GetRequiredService<IDocumentStore>();
        await Eventually.Until(async () =>
        {
            await using var query = store.QuerySession();
            return (await query.LoadAsync<Offer>(offerId))!.Status;
        }, status => status == OfferStatus.Expired, "the offer expired");

        // Both replicas have ticked again since: still one of each.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.Until(() => HoldersAsync("matching", typeof(OfferExpirySweep)), holders => holders == 1, "one holder of the expiry sweep");
        (await HoldersAsync("notifications", typeof(EscalationSweep))).ShouldBe(1);
        (await supervisor.InboxAsync()).Count(i => i.GetProperty("rule").GetString() == "escalation").ShouldBe(1);
        escalations.Length.ShouldBe(1);
        await using (var query = store.QuerySession())
            (await query.Events.FetchStreamAsync(offerId)).Count(e => e.Data is OfferWithdrawn).ShouldBe(1);
        // A day later the alarm has climbed further up its chain: each level reached once.
        await using (var query = _notifications.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var levels = (await query.Events.QueryRawEventDataOnly<AlarmLevelReached>().ToListAsync()).Select(l => l.Level).ToList();
            levels.ShouldContain(1);
            levels.ShouldBeUnique();
        }
    }

    /// <summary>How many sessions hold the lease of <paramref name="sweep"/> in the service's schema.</summary>
    private async Task<long> HoldersAsync(string service, Type sweep)
    {
        var key = SweepLease.KeyOf($"sweep:{_isolation.SchemaFor(service)}:{sweep.FullName}");
        await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase));
        await connection.OpenAsync();
        await using var holders = new NpgsqlCommand("""
            select count(*) from pg_locks
            where locktype = 'advisory' and granted and classid = @high and objid = @low and objsubid = 1
            """, connection);
        holders.Parameters.AddWithValue("high", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key >> 32));
        holders.Parameters.AddWithValue("low", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key & 0xFFFFFFFF));
        return (long)(await holders.ExecuteScalarAsync())!;
    }
}
