using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.NeedsMirror;
using Marten;

namespace FiveSocieties.Matching.Referrals;

/// <summary>
/// Proposes referrals. A proposal is one decision on the need's stream (it records the referral
/// in progress and the offer tried, so two proposers racing for the same need cannot both win)
/// plus the start of the referral's own stream, whose id is derived from need and offer (so the
/// same offer is never proposed twice for the same need). The caller saves the session.
/// </summary>
public sealed class ReferralLoop(MatchingIndex index, ReferralDeadlines deadlines, TimeProvider clock)
{
    /// <summary>
    /// Decides on the need's stream: first <paramref name="prelude"/> (e.g. opening the need, or
    /// ending its declined referral), then — if the need is open with no referral in progress —
    /// a proposal of <paramref name="choose"/>'s candidate (by default the best offer not yet tried).
    /// </summary>
    public async Task<ReferralProposed?> DecideAsync(
        IDocumentSession session, Guid needId, Func<MirroredNeed?, IReadOnlyList<object>> prelude, CancellationToken cancellationToken,
        Func<MirroredNeed, Candidate?>? choose = null)
    {
        ReferralProposed? proposed = null;
        var now = clock.GetUtcNow();
        await session.DecideAsync<MirroredNeed>(needId, state =>
        {
            proposed = null; // a retried decision starts afresh
            var events = prelude(state).ToList();
            var need = Fold(state, events);
            if (need is null || !need.IsOpen || need.ActiveReferralId is not null) return events;
            var candidate = (choose ?? BestUntried)(need);
            if (candidate is null || need.TriedOffers.Contains(candidate.OfferId) || index.Offer(candidate.OfferId) is not { } offer)
                return events;
            var referralId = ReferralIds.For(needId, offer.OfferId);
            events.Add(new NeedReferred(needId, referralId, offer.OfferId, now));
            var parties = new ReferralParties(needId, need.CaseId, need.StationId, index.CaseworkerOf(need.Profile()), offer.OfferId,
                offer.ProviderId, offer.ProviderName, offer.Title, offer.Category, need.Recurrence);
            proposed = ReferralDecider.Propose(referralId, parties, candidate.Score, [.. candidate.Reasons.Select(r => r.Text.English)], offer.ServicePoint,
                offer.Schedule, now, deadlines);
            return events;
        }, cancellationToken);
        if (proposed is not null) session.Events.StartStream<Referral>(proposed.ReferralId, proposed);
        return proposed;
    }

    private Candidate? BestUntried(MirroredNeed need) =>
        index.RankOffersFor(need.Profile(), clock.GetUtcNow(), need.TriedOffers.Count + 5)
            .FirstOrDefault(c => !need.TriedOffers.Contains(c.OfferId));

    private static MirroredNeed? Fold(MirroredNeed? state, IEnumerable<object> events)
    {
        foreach (var e in events)
            state = e switch
            {
                NeedOpenedForMatching opened => MirroredNeed.From(opened, 1),
                NeedReferralEnded ended => state?.Ended(ended),
                NeedLeftMatching => state! with { Status = MirroredNeedStatus.Withdrawn },
                NeedMetForMatching => state! with { Status = MirroredNeedStatus.Fulfilled },
                _ => state,
            };
        return state;
    }
}
