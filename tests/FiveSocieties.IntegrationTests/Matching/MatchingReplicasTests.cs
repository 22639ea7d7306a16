using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;
using Marten;
using MassTransit;
using Marten.Services;
using Npgsql;
using FiveSocieties.Matching.Offers;
using V1 = FiveSocieties.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// Two Matching replicas on one database and one broker. Their feeds poll only every ten
/// minutes, so what one replica learns of the other's commits within a test, it learns from
/// the commit notices.
/// </summary>
public sealed class MatchingReplicasFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string> NoticesOnly = new() { ["EventStore:Feed:PollInterval"] = "00:10:00" };
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<KnownCase> A { get; private set; } = null!;
    public ServiceHost<KnownCase> B { get; private set; } = null!;
    private IHost _cases = null!;
    public IBus Bus => _cases.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        A = await new ServiceHost<KnownCase>("matching", Isolation, settings: NoticesOnly).StartAsync();
        B = await new ServiceHost<KnownCase>("matching", Isolation, settings: NoticesOnly).StartAsync();
        var builder = WorkerHost.CreateBuilder("cases", Isolation.SettingsFor("cases"));
        builder.Logging.ToCaptureOnly("cases");
        builder.AddMessaging(_ => { });
        _cases = builder.Build();
        await _cases.StartAndWaitForBusAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cases is not null) { await _cases.StopAsync(); _cases.Dispose(); }
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        await Isolation.DisposeAsync();
    }

    public static MatchingIndex IndexOf(ServiceHost<KnownCase> replica) => replica.Services.GetRequiredService<MatchingIndex>();

    public static async Task<Guid> OfferAsync(ServiceHost<KnownCase> replica, string district, int capacity)
    {
        var provider = Guid.NewGuid();
        await HttpJson.Json(await replica.ClientAs(Roles.Admin).PostAsJsonAsync("/providers", new
        {
            providerId = provider, name = "阳高县龙泉镇长者食堂", kind = "Canteen", creditCode = MatchingFixture.NewCreditCode(),
            contact = new { name = "王经理", phone = "0352-6621234" }, area = new { districts = new[] { district } },
        }));
        var offer = Guid.NewGuid();
        await HttpJson.Json(await replica.ClientAs(Roles.Provider, providerId: provider).PostAsJsonAsync("/offers", new
        {
            offerId = offer, category = "MealDelivery", title = "助餐 " + offer.ToString()[..4], capacity,
            area = new { districts = new[] { district } }, eligibility = new { clientGroups = new[] { "Elderly" }, minAge = 60 },
            schedule = new { days = new[] { "Monday", "Wednesday", "Friday" }, from = "11:00", to = "12:30" },
        }));
        return offer;
    }
}

public sealed class MatchingReplicasTests(MatchingReplicasFixture replicas) : IClassFixture<MatchingReplicasFixture>
{
    [Fact]
    public async Task A_need_and_an_offer_committed_by_one_replica_are_ranked_by_the_other()
    {
        var station = Guid.NewGuid();
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var raised = MatchingFixture.Need(Guid.NewGuid(), station, district: district);

        // Whichever replica consumes the need, both index it.
        await replicas.Bus.Publish(raised);
        await Eventually.Until(() => Task.FromResult(new[] { replicas.A, replicas.B }.All(r => MatchingReplicasFixture.IndexOf(r).Need(raised.NeedId) is not null)),
            both => both, $"need {raised.NeedId} in both replicas' indexes");

        var offer = await MatchingReplicasFixture.OfferAsync(replicas.A, district, capacity: 3);

        var caseworker = replicas.B.ClientAs(Roles.Caseworker, Guid.NewGuid(), station);
        await Eventually.Until(async () => await HttpJson.Json(await caseworker.GetAsync($"/needs/{raised.NeedId}/candidates")),
            view => view.GetProperty("candidates").EnumerateArray().Any(c => c.GetProperty("offerId").GetGuid() == offer),
            $"offer {offer}, published through replica A, ranked for the need by replica B");
        // Read whatever the overall status: both replicas run the relay here (the tests' Solo daemon), and one pauses.
        var ready = JsonDocument.Parse(await (await replicas.B.CreateClient().GetAsync("/health/ready")).Content.ReadAsStringAsync()).RootElement;
        ready.GetProperty("checks").GetProperty("matching-index").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_need_reaching_a_replica_that_has_not_heard_of_a_new_offer_is_still_proposed_it()
    {
        // A third replica that follows nobody: it hears of other replicas' commits only when it looks itself.
        await using var deaf = await new ServiceHost<KnownCase>("matching", replicas.Isolation,
            settings: new Dictionary<string, string> { ["EventStore:Feed:PollInterval"] = "00:10:00" }).StartAsync();
        await deaf.Services.GetRequiredService<IndexFollower>().StopAsync(CancellationToken.None);
        var station = Guid.NewGuid();
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var offer = await MatchingReplicasFixture.OfferAsync(replicas.A, district, capacity: 2);
        MatchingReplicasFixture.IndexOf(deaf).Offer(offer).ShouldBeNull("the deaf replica has not heard of the offer");

        var raised = MatchingFixture.Need(Guid.NewGuid(), station, district: district);
        await using var session = deaf.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var proposed = await deaf.Services.GetRequiredService<ReferralProcess>().OpenNeedAsync(session, raised, CancellationToken.None);
        await session.SaveChangesAsync();

        proposed.ShouldNotBeNull("the need's consumer looks at the store before ranking").Parties.OfferId.ShouldBe(offer);
    }

    [Fact]
    public async Task Two_replicas_proposing_one_offer_at_once_propose_each_need_once()
    {
        const int needs = 20;
        var station = Guid.NewGuid();
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var offer = await MatchingReplicasFixture.OfferAsync(replicas.A, district, capacity: needs);

        // The needs open without their consumer's proposal, so that both replicas find them waiting.
        var opened = Enumerable.Range(0, needs)
            .Select(_ => (NeedOpenedForMatching)MirroredNeedDecider.Decide(null, MatchingFixture.Need(Guid.NewGuid(), station, district: district)).Single())
            .ToList();
        var store = replicas.A.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            foreach (var need in opened) session.Events.StartStream<MirroredNeed>(need.NeedId, need);
            await session.SaveChangesAsync();
        }
        await Eventually.Until(() => Task.FromResult(opened.All(n => MatchingReplicasFixture.IndexOf(replicas.B).Need(n.NeedId) is not null)),
            all => all, "every need in replica B's index");

        using var start = new SemaphoreSlim(0);
        var proposing = new[] { replicas.A, replicas.B }.Select(async replica =>
        {
            await start.WaitAsync();
            return await replica.Services.GetRequiredService<ReferralProcess>().ProposeOfferAsync(offer, CancellationToken.None);
        }).ToList();
        start.Release(proposing.Count);
        var proposed = await Task.WhenAll(proposing);

        // The waiting-needs sweep (WaitingNeedsSweep) may propose some first: what counts is each need proposed once.
        proposed.Sum().ShouldBeLessThanOrEqualTo(needs);
        await using var query = store.QuerySession();
        var referrals = await query.Query<Referral>().Where(r => r.Parties.OfferId == offer).ToListAsync();
        referrals.Count.ShouldBe(needs);
        referrals.Select(r => r.NeedId).Distinct().Count().ShouldBe(needs);
        foreach (var need in opened)
        {
            var events = await query.Events.FetchStreamAsync(need.NeedId);
            events.Count(e => e.Data is NeedReferred).ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_need_left_waiting_while_an_offer_fits_is_proposed_it_once_by_the_sweep_whichever_replicas_sweep()
    {
        var station = Guid.NewGuid();
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var offer = await MatchingReplicasFixture.OfferAsync(replicas.A, district, capacity: 2);
        // The need opens without its consumer's proposal, as when need and offer commit at once on two
        // replicas and each is ranked before the other is seen.
        var opened = (NeedOpenedForMatching)MirroredNeedDecider.Decide(null, MatchingFixture.Need(Guid.NewGuid(), station, district: district)).Single();
        var store = replicas.A.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<MirroredNeed>(opened.NeedId, opened);
            await session.SaveChangesAsync();
        }
        await Eventually.Until(() => Task.FromResult(new[] { replicas.A, replicas.B }.All(r =>
                MatchingReplicasFixture.IndexOf(r).Need(opened.NeedId) is not null && MatchingReplicasFixture.IndexOf(r).Offer(offer) is not null)),
            both => both, "need and offer in both replicas' indexes");

        // Both replicas sweep at once.
        await Task.WhenAll(new[] { replicas.A, replicas.B }.Select(r => r.Services.GetRequiredService<ReferralProcess>().ProposeToWaitingNeedsAsync(CancellationToken.None)));

        await using var query = store.QuerySession();
        var referral = (await query.Query<Referral>().Where(r => r.NeedId == opened.NeedId).ToListAsync()).ShouldHaveSingleItem();
        referral.Parties.OfferId.ShouldBe(offer);
        (await query.Events.FetchStreamAsync(opened.NeedId)).Count(e => e.Data is NeedReferred).ShouldBe(1);
        // Proposed, the need no longer waits: sweeping again proposes nothing more to it.
        await replicas.B.Services.GetRequiredService<ReferralProcess>().ProposeToWaitingNeedsAsync(CancellationToken.None);
        (await query.Query<Referral>().Where(r => r.NeedId == opened.NeedId).CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task An_offer_whose_transaction_commits_after_a_later_one_still_reaches_the_other_replica()
    {
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var store = replicas.A.Services.GetRequiredService<IDocumentStore>();
        var index = MatchingReplicasFixture.IndexOf(replicas.B);

        // A slow transaction takes its sequence number and holds it uncommitted.
        await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var slow = Guid.NewGuid();
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, false));
        session.Events.StartStream<Offer>(slow, new OfferPublished(slow, Guid.NewGuid(), "阳高县龙泉镇长者食堂", V1.NeedCategory.MealDelivery, "助餐",
            null, 5, new V1.ServiceArea([district], [], []), new V1.Eligibility([V1.ClientGroup.Elderly], null, null, [], []),
            DateOnly.FromDateTime(DateTime.UtcNow), null, null, null, Guid.NewGuid(), DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();

        // A later offer commits first, and replica B reads past the slow one's number.
        var quick = await MatchingReplicasFixture.OfferAsync(replicas.A, district, capacity: 1);
        await Eventually.Until(() => Task.FromResult(index.Offer(quick) is not null), found => found, $"offer {quick} in replica B's index");
        index.Offer(slow).ShouldBeNull();

        await transaction.CommitAsync();
        await Eventually.Until(() => Task.FromResult(index.Offer(slow) is not null), found => found,
            $"offer {slow}, committed after a later one, in replica B's index");
    }
}
