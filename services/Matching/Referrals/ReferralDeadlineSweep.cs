using FiveSocieties.BuildingBlocks.Scheduling;
using Marten;

namespace FiveSocieties.Matching.Referrals;

/// <summary>Expires every referral whose waiting step is past its deadline; the next candidate follows.</summary>
public sealed class ReferralDeadlineSweep(IDocumentStore store, ReferralProcess process) : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var session = store.QuerySession())
            due = await session.Query<Referral>()
                .Where(r => r.DueAt != null && r.DueAt <= now)
                .Select(r => r.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
        foreach (var id in due) await process.ExpireAsync(id, cancellationToken);
    }
}
