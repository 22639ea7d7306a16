using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.Referrals;
using JasperFx;
using Marten.Exceptions;
using Marten;

namespace FiveSocieties.Matching.Offers;

/// <summary>
/// Flow C. When an offer appears (or gains capacity): which open needs does it fit? Each
/// caseworker with such needs is told once (one OfferMatchedToNeeds, in the same commit as the
/// offer's change), and the best of those needs with no referral in progress are proposed this
/// offer, up to its free places.
/// </summary>
public sealed class NewResourceFanOut(MatchingIndex index, ReferralLoop loop, IDocumentStore store, TimeProvider clock,
    ILogger<NewResourceFanOut> logger)
{
    /// <summary>How many needs one announcement names at most (the best first).</summary>
    public const int MaxNeedsAnnounced = 500;

    /// <summary>The announcement for an offer, or null when it fits no open need.</summary>
    public OfferMatchedToNeeds? Announce(OfferProfile offer, DateTimeOffset now)
    {
        var candidates = index.RankNeedsFor(offer, now, MaxNeedsAnnounced);
        if (candidates.Count == 0) return null;
        var caseworkers = candidates
            .Select(c => (Candidate: c, Need: index.Need(c.NeedId)))
            .Where(x => x.Need is not null)
            .GroupBy(x => (Caseworker: index.CaseworkerOf(x.Need!), x.Need!.StationId))
            .Select(g => new MatchedCaseworker(g.Key.Caseworker, g.Key.StationId,
                g.Select(x => new MatchedNeed(x.Need!.NeedId, x.Need.CaseId, x.Candidate.Score)).ToList()))
            .ToList();
        return new OfferMatchedToNeeds(offer.OfferId, offer.ProviderId, offer.ProviderName, offer.Title, offer.Category, caseworkers, now);
    }

    /// <summary>Proposes the offer to the best fitting needs that wait for a referral, up to its free places.</summary>
    public async Task<int> ProposeAsync(Guid offerId, CancellationToken cancellationToken)
    {
        if (index.Offer(offerId) is not { } offer) return 0;
        int pending;
        await using (var query = store.QuerySession())
            pending = await query.Query<Referral>().CountAsync(r => r.Parties.OfferId == offerId
                && (r.Status == ReferralStatus.AwaitingApproval || r.Status == ReferralStatus.AwaitingAcceptance), cancellationToken);
        var places = offer.FreeCapacity - pending;
        var proposed = 0;
        if (places <= 0) return 0;
        foreach (var candidate in index.RankNeedsFor(offer, clock.GetUtcNow(), MaxNeedsAnnounced))
        {
            if (proposed >= places) break;
            try
            {
                await using var session = store.LightweightSession();
                var referral = await loop.DecideAsync(session, candidate.NeedId, _ => [], cancellationToken, _ => candidate);
                if (referral is null) continue;
                await session.SaveChangesAsync(cancellationToken);
                proposed++;
            }
            catch (Exception e) when (e is ConcurrencyException or ExistingStreamIdCollisionException)
            {
                // Another proposer got to this need first: it is in the loop either way.
                logger.LogDebug("Need {NeedId} was taken by another proposal", candidate.NeedId);
            }
        }
        return proposed;
    }
}
