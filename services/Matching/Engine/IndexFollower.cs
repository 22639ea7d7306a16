using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// Keeps this replica's <see cref="MatchingIndex"/> in step with the event store, whichever
/// replica committed: a need that opens or leaves matching, an offer whose capacity or status
/// changes, a case's new caseworker. At start it takes the store's position, then loads the index
/// from Marten's documents (before the bus consumes, so the first NeedRaised sees every offer),
/// then follows the store from that position (<see cref="EventFeed"/>).
///
/// For each need, case and offer whose events it reads, it loads the document as now committed:
/// applying current state rather than each event keeps the index right whatever order the
/// events arrive in (a slow transaction's events come after later ones), and whether or not this
/// replica applied them already through <see cref="LocalCommits"/>.
/// </summary>
public sealed class IndexFollower : BackgroundService
{
    private static readonly Type[] NeedEvents = [typeof(NeedOpenedForMatching), typeof(NeedLeftMatching), typeof(NeedMetForMatching)];
    private static readonly Type[] CaseEvents = [typeof(CaseBecameKnown), typeof(KnownCaseCaseworkerChanged), typeof(KnownCaseReopened)];
    private static readonly Type[] OfferEvents =
        [typeof(OfferPublished), typeof(OfferCapacityChanged), typeof(OfferWithdrawn), typeof(OfferUnitReserved), typeof(OfferUnitReleased)];

    /// <summary>The events that change the index: a commit without any needs no look at the store.</summary>
    public static readonly IReadOnlySet<Type> Followed = new HashSet<Type>([.. NeedEvents, .. CaseEvents, .. OfferEvents]);

    private readonly IDocumentStore _store;
    private readonly MatchingIndex _index;
    private readonly EventFeed _feed;

    public IndexFollower(IDocumentStore store, EventStoreDatabase database, MatchingIndex index, EventStoreSettings settings,
        ILogger<IndexFollower> logger)
    {
        (_store, _index) = (store, index);
        _feed = new EventFeed(store, database, Followed, ApplyAsync, settings.Feed, logger);
    }

    public EventFeed Feed => _feed;

    private static readonly TimeSpan MostWaited = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns once the index holds every commit made before the call, whichever replica made it.
    /// Bounded: a look that cannot finish (the database went away) leaves the index as it is,
    /// which the next look mends, and the caller goes on with what the index knows.
    /// </summary>
    public async Task CatchUpAsync(ILogger logger, CancellationToken token)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
            bounded.CancelAfter(MostWaited);
            await _feed.CatchUpAsync(bounded.Token);
        }
        catch (Exception e)
        {
            if (!token.IsCancellationRequested)
                logger.LogWarning(e, "The matching index could not look at the store; it will at its next look");
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _feed.StartAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _feed.RunAsync(stoppingToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = _store.QuerySession();
        await foreach (var known in session.Query<KnownCase>().ToAsyncEnumerable(cancellationToken))
            _index.SetCaseworker(known.Id, known.CaseworkerId);
        await foreach (var need in session.Query<MirroredNeed>().Where(n => n.Status == MirroredNeedStatus.Open).ToAsyncEnumerable(cancellationToken))
            _index.UpsertNeed(need.Profile());
        await foreach (var offer in session.Query<Offer>().Where(o => o.Status == OfferStatus.Active).ToAsyncEnumerable(cancellationToken))
            _index.UpsertOffer(offer.Profile());
    }

    private async Task ApplyAsync(IReadOnlyList<FedEvent> events, CancellationToken cancellationToken)
    {
        Guid[] Of(Type[] types) => events.Where(e => types.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        var (needs, cases, offers) = (Of(NeedEvents), Of(CaseEvents), Of(OfferEvents));
        await using var session = _store.QuerySession();
        if (cases.Length > 0)
            foreach (var known in await session.LoadManyAsync<KnownCase>(cancellationToken, cases))
                _index.SetCaseworker(known.Id, known.CaseworkerId);
        if (needs.Length > 0)
        {
            var current = (await session.LoadManyAsync<MirroredNeed>(cancellationToken, needs)).ToDictionary(n => n.Id);
            foreach (var id in needs)
                if (current.TryGetValue(id, out var need) && need.IsOpen) _index.UpsertNeed(need.Profile());
                else _index.RemoveNeed(id);
        }
        if (offers.Length > 0)
        {
            var current = (await session.LoadManyAsync<Offer>(cancellationToken, offers)).ToDictionary(o => o.Id);
            foreach (var id in offers)
                if (current.TryGetValue(id, out var offer) && offer.Status == OfferStatus.Active) _index.UpsertOffer(offer.Profile());
                else _index.RemoveOffer(id);
        }
    }
}

/// <summary>
/// A commit of this replica that changes the index returns only once the follower has applied it:
/// the referral loop proposes a just-published offer, or a just-freed place, right after the
/// commit, from this replica's index. A follower that cannot look (the database went away after
/// the commit) does not fail the commit, which stands: the index catches up at its next look.
/// </summary>
/// <remarks>The follower is resolved at the first commit: it needs the store this listener is part of.</remarks>
public sealed class LocalCommits(Func<IndexFollower> follower, ILogger<LocalCommits> logger) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!commit.GetEvents().Any(e => IndexFollower.Followed.Contains(e.EventType))) return;
        await follower().CatchUpAsync(logger, token);
    }
}

/// <summary>
/// Degraded while the follower does not hear commits: the index then learns of other replicas'
/// commits only at its poll, seconds late. Not unhealthy: the replica still matches and serves.
/// </summary>
public sealed class IndexFollowerHealthCheck(IndexFollower follower) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(follower.Feed.IsListening
            ? HealthCheckResult.Healthy($"following the event store at {follower.Feed.Position}")
            : HealthCheckResult.Degraded("not hearing commits: the matching index follows other replicas only at its poll"));
}
