// VisitOverdue (DESIGN §5): told once per case per due date. Each notice is a stream of its own
// whose id is derived from (case, due date): a second sweep, or a second replica, for the same due
// date collides on the id and tells nothing. The notice never touches the case's stream, so a
// sweep cannot make a caseworker's concurrent write fail with 409.
using System.Security.Cryptography;
using FiveSocieties.BuildingBlocks.Scheduling;
using JasperFx.Events;
using Marten;

namespace FiveSocieties.Cases.Cases;

public sealed record VisitOverdueNoticed(Guid CaseId, Guid StationId, Guid CaseworkerId, DateTimeOffset DueAt, DateTimeOffset NoticedAt);

/// <summary>The notice as stored (inline), so a sweep can see at once which notices exist.</summary>
public sealed record VisitOverdueNotice(Guid Id, Guid CaseId, DateTimeOffset DueAt)
{
    public static VisitOverdueNotice Create(IEvent<VisitOverdueNoticed> noticed) => new(noticed.StreamId, noticed.Data.CaseId, noticed.Data.DueAt);

    /// <summary>The same id for the same case and due date, on every replica and every sweep.</summary>
    public static Guid IdFor(Guid caseId, DateTimeOffset dueAt)
    {
        Span<byte> input = stackalloc byte[24];
        caseId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], dueAt.UtcTicks);
        return new Guid(MD5.HashData(input));
    }
}

public static partial class CaseDecider
{
    /// <summary>The notice for the case's current due date, when it has passed; nothing otherwise.</summary>
    public static VisitOverdueNoticed? NoticeOverdueVisit(Case state, DateTimeOffset now) =>
        VisitSchedule.NextVisitDue(state) is { } due && now > due
            ? new VisitOverdueNoticed(state.Id, state.StationId, state.CaseworkerId, due, now)
            : null;
}

/// <summary>
/// Looks at cases that fell due in the last <see cref="CatchUp"/> (an index range on the due date
/// column), skips those already told, and tells the rest. The window covers a service that was
/// down for a while and visits recorded late; older due dates were told when they passed.
/// </summary>
public sealed class VisitOverdueSweep(IDocumentStore store) : IPeriodicSweep
{
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(2);

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - CatchUp;
        await using var session = store.LightweightSession();
        var due = await session.Query<Case>()
            .Where(c => c.Status == CaseStatus.Active && c.NextVisitDueAt != null && c.NextVisitDueAt > since && c.NextVisitDueAt < now)
            .ToListAsync(cancellationToken);
        var notices = due.Select(c => CaseDecider.NoticeOverdueVisit(c, now)).OfType<VisitOverdueNoticed>()
            .ToDictionary(n => VisitOverdueNotice.IdFor(n.CaseId, n.DueAt));
        if (notices.Count == 0) return;
        var told = (await session.LoadManyAsync<VisitOverdueNotice>(cancellationToken, notices.Keys)).Select(n => n.Id).ToHashSet();
        foreach (var (id, notice) in notices.Where(n => !told.Contains(n.Key))) session.Events.StartStream<VisitOverdueNotice>(id, notice);
        // A replica telling the same notice at the same moment makes this commit fail as a whole;
        // the next sweep finds those told and tells only the rest.
        await session.SaveChangesAsync(cancellationToken);
    }
}
