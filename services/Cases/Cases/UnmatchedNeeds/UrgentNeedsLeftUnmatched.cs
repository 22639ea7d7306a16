// An urgent need that waits too long for an offer is an alarm (DESIGN §6, "who answers an
// alarm"): told once per need, on the case's own stream, so it stands on the timeline and
// the relay tells Notifications (V1.UrgentNeedUnmatched).
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;
using Marten;

namespace FiveSocieties.Cases.Cases;

/// <summary>An urgent need was still open, unmatched, when its wait ran out; the caseworker is alerted.</summary>
public sealed record UrgentNeedLeftUnmatched(
    Guid CaseId, Guid NeedId, Guid StationId, Guid CaseworkerId, NeedCategory Category, DateTimeOffset RaisedAt, DateTimeOffset NoticedAt);

/// <summary>Time passed: urgent needs raised at least <see cref="After"/> before <see cref="At"/> and still unmatched raise their alarm.</summary>
public sealed record NoticeUrgentNeedsLeftUnmatched(Guid CaseId, TimeSpan After, DateTimeOffset At);

public static partial class CaseDecider
{
    /// <summary>A closed case has no open need: closing withdrew them.</summary>
    public static IReadOnlyList<object> Decide(Case state, NoticeUrgentNeedsLeftUnmatched command) =>
        state.Needs.Where(n => n.AwaitsUnmatchedAlarm() && n.RaisedAt <= command.At - command.After)
            .Select(n => new UrgentNeedLeftUnmatched(state.Id, n.Id, state.StationId, state.CaseworkerId, n.Category, n.RaisedAt, command.At))
            .ToList<object>();
}

/// <summary>
/// Finds the cases whose oldest unalarmed urgent need was raised long enough ago (an index range
/// on <see cref="Case.UrgentNeedWaitingSince"/>) and decides on each case's stream. A repeat, or
/// a second replica, finds the needs already alarmed about and adds nothing.
/// </summary>
public sealed class UrgentNeedUnmatchedSweep(IDocumentStore store, CasesSettings settings) : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = settings.UrgentNeedUnmatchedAfter;
        var raisedBy = now - after;
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Case>().Where(c => c.UrgentNeedWaitingSince != null && c.UrgentNeedWaitingSince <= raisedBy)
                .Select(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var caseId in due)
        {
            await using var session = store.LightweightSession();
            try
            {
                await session.DecideAsync<Case>(caseId,
                    state => state is null ? [] : CaseDecider.Decide(state, new NoticeUrgentNeedsLeftUnmatched(caseId, after, now)), cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Someone changed the case meanwhile; if the need still waits, the next sweep tells it.
            }
        }
    }
}
