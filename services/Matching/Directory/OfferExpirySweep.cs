using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Referrals;
using Marten;

namespace FiveSocieties.Matching.Directory;

/// <summary>
/// Takes offers whose validity window has ended out of matching (OfferWithdrawn, cause Expired):
/// the day after their last valid date begins, in the stations' calendar. Their referrals in
/// progress end in the same commit and their needs go on to their next candidates.
/// </summary>
public sealed class OfferExpirySweep(IDocumentStore store, ReferralProcess process, LocalCalendar calendar) : IPeriodicSweep
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
            // An offer still contended after every retry waits for the next sweep; the others go on.
            try { await process.ExpireOfferAsync(id, today, now, cancellationToken); }
            catch (Exception e) when (ConcurrencyRetry.LostTheRace(e)) { }
        }
    }
}
