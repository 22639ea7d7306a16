using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using Marten;
using Marten.Services;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// Keeps the <see cref="MatchingIndex"/> in step with every commit of this process: a need that
/// opens or leaves matching, an offer whose capacity or status changes, a case's new caseworker.
/// (Another replica's commits are not seen here; see the note on scaling out.)
/// </summary>
public sealed class IndexFollower(MatchingIndex index) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var offersToReload = new HashSet<Guid>();
        foreach (var e in commit.GetEvents())
        {
            switch (e.Data)
            {
                case NeedOpenedForMatching opened:
                    index.UpsertNeed(MirroredNeed.Create(opened).Profile());
                    break;
                case NeedLeftMatching or NeedMetForMatching:
                    index.RemoveNeed(e.StreamId);
                    break;
                case CaseBecameKnown known:
                    index.SetCaseworker(known.CaseId, known.CaseworkerId);
                    break;
                case KnownCaseCaseworkerChanged changed:
                    index.SetCaseworker(changed.CaseId, changed.CaseworkerId);
                    break;
                case KnownCaseReopened reopened:
                    index.SetCaseworker(reopened.CaseId, reopened.CaseworkerId);
                    break;
                case OfferPublished or OfferCapacityChanged or OfferWithdrawn or OfferUnitReserved or OfferUnitReleased:
                    offersToReload.Add(e.StreamId);
                    break;
            }
        }
        if (offersToReload.Count == 0) return;
        await using var query = session.DocumentStore.QuerySession();
        foreach (var offer in await query.LoadManyAsync<Offer>(token, offersToReload))
            if (offer.Status == OfferStatus.Active) index.UpsertOffer(offer.Profile());
            else index.RemoveOffer(offer.Id);
    }
}

/// <summary>Rebuilds the index from Marten's documents when the service starts, before the bus consumes.</summary>
public sealed class IndexLoader(IDocumentStore store, MatchingIndex index) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        await foreach (var known in session.Query<KnownCase>().ToAsyncEnumerable(cancellationToken))
            index.SetCaseworker(known.Id, known.CaseworkerId);
        await foreach (var need in session.Query<MirroredNeed>().Where(n => n.Status == MirroredNeedStatus.Open).ToAsyncEnumerable(cancellationToken))
            index.UpsertNeed(need.Profile());
        await foreach (var offer in session.Query<Offer>().Where(o => o.Status == OfferStatus.Active).ToAsyncEnumerable(cancellationToken))
            index.UpsertOffer(offer.Profile());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
