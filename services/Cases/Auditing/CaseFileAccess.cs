// 查阅留痕: every read of a case file, its timeline or a household with its members' personal data
// is recorded — who, when, which record, and for a supervisor of another station the reason they
// gave to break the glass. The record is an event stream per case or household of its own, so
// reading never conflicts with a caseworker writing the record.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Cases.Auditing;

/// <summary>Someone read a case file ("case") or its timeline ("timeline").</summary>
public sealed record CaseFileRead(
    Guid CaseId, Guid StationId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId, string What,
    string? BreakGlassReason, DateTimeOffset At) : IAccessAuditEntry;

/// <summary>A supervisor of another station opened the case with a stated reason; its own station's supervisors are told.</summary>
public sealed record CaseFileOpenedByBreakGlass(Guid CaseId, Guid StationId, Guid SupervisorId, Guid? SupervisorStationId, DateTimeOffset At);

/// <summary>A supervisor of another station opened the household with a stated reason; its own station's supervisors are told.</summary>
public sealed record HouseholdOpenedByBreakGlass(Guid HouseholdId, Guid StationId, Guid SupervisorId, Guid? SupervisorStationId, DateTimeOffset At);

/// <summary>Someone read a household with its members' personal fields.</summary>
public sealed record HouseholdRead(
    Guid HouseholdId, Guid? StationId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId,
    string? BreakGlassReason, DateTimeOffset At) : IAccessAuditEntry;

public static class CaseFileAccess
{
    /// <summary>
    /// The header a supervisor sends, with the reason, to open another station's case or household.
    /// Percent-encoded UTF-8 (as encodeURIComponent writes it): a browser sends no Chinese in a header as it is.
    /// </summary>
    public const string BreakGlassHeader = "X-Break-Glass-Reason";

    // Fixed: the audit stream of a record must always be found again.
    private static readonly Guid AuditNamespace = new("2b8e6f4a-1c3d-5e7f-8a9b-0c1d2e3f4a5b");

    /// <summary>The audit stream of a case or a household (their ids are GUIDs of their own: they never share a stream).</summary>
    public static Guid AuditStreamOf(Guid recordId) => NameBasedGuid.Create(AuditNamespace, recordId.ToString("N"));

    /// <summary>
    /// The one rule for reading a station's personal records: the reader's own station, an admin, or
    /// a supervisor who states a reason (break-the-glass); 404 for anyone else. A record of no
    /// station (<paramref name="stationId"/> null) is another station's for everyone. The audit
    /// events are appended before the caller returns anything.
    /// </summary>
    public static async Task RecordReadAsync(
        IDocumentStore store, CurrentUser user, string kind, Guid recordId, Guid? stationId, HttpRequest request, TimeProvider clock,
        Func<string?, DateTimeOffset, IReadOnlyList<object>> audit, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (!user.IsIn(Roles.Admin) && (stationId is null || user.StationId != stationId))
        {
            reason = BreakGlassReason(request.Headers[BreakGlassHeader].ToString());
            if (!user.IsIn(Roles.Supervisor) || reason.Length == 0) throw new RecordNotFound(kind, recordId);
            var validator = new RequestValidator();
            if (reason.Length > 500) validator.Fail(BreakGlassHeader, "must be at most 500 characters.");
            validator.ThrowIfInvalid();
        }
        await AppendAsync(store, AuditStreamOf(recordId), now => audit(reason, now), clock, cancellationToken);
    }

    /// <summary>Appends to an audit stream, whoever else appends to it at the same moment.</summary>
    internal static async Task AppendAsync(
        IDocumentStore store, Guid auditStream, Func<DateTimeOffset, IReadOnlyList<object>> audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Reads of one record at once (a page fetching the case and its timeline, two tabs) all
        // append to its audit stream, and all but one lose the race: for the next version, or — on
        // the very first reads — for creating the stream. Audit events carry no expected version,
        // so a loser simply appends again after a moment: a read is never refused because someone
        // else read too.
        await store.WriteAsync(async (session, ct) =>
        {
            session.Events.Append(auditStream, audit(clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            return auditStream;
        }, cancellationToken);
    }

    /// <summary>The reason as the supervisor wrote it: percent-decoded, trimmed. A plain ASCII reason reads the same.</summary>
    public static string BreakGlassReason(string header)
    {
        try
        {
            return Uri.UnescapeDataString(header).Trim();
        }
        catch (UriFormatException)
        {
            return header.Trim();
        }
    }
}
