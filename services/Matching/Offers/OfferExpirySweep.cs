using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using JasperFx;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Referrals;
using Marten;

namespace FiveSocieties.Matching.Offers;

/// <summary>
/// Takes offers whose validity window has ended out of matching (OfferWithdrawn, cause Expired):
/// the day after their last valid date begins, in the stations' calendar. Their referrals in
/// progress end in the same commit and their needs go on to their next candidates.
/// </summary>
public sealed class OfferExpirySweep(IDocumentStore store, ReferralCommands referrals, LocalCalendar calendar) : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.Today(now);
        IReadOnlyList<Guid> ended;
        await using (var query = store.QuerySession())
            ended = await query.Query<Offer>()
                .Where(o => o.Status == OfferStatus.Active && o.ValidUntil != null && o.ValidUntil < today)
                .Select(o => o.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var id in ended)
        {
            try
            {
                await using var session = store.LightweightSession();
                var decision = await session.DecideAsync<Offer>(id, offer => offer is null ? [] : OfferDecider.Expire(offer, today, now), cancellationToken);
                if (!decision.ChangedNothing) await referrals.CancelForOfferAsync(session, id, ReferralCancelCause.OfferExpired, now, cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // Changed meanwhile (a reservation, say): the next sweep looks again.
            }
        }
    }
}
