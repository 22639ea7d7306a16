// 查阅留痕: every read of a case file or its timeline is recorded — who, when, which case, and for
// a supervisor of another station the reason they gave to break the glass. The record is an event
// stream per case of its own, so reading never conflicts with a caseworker writing the case.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using Marten;

namespace FiveSocieties.Cases.Auditing;

/// <summary>Someone read a case file ("case") or its timeline ("timeline").</summary>
public sealed record CaseFileRead(
    Guid CaseId, Guid StationId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId, string What,
    string? BreakGlassReason, DateTimeOffset At);

/// <summary>A supervisor of another station opened the case with a stated reason; its own station's supervisors are told.</summary>
public sealed record CaseFileOpenedByBreakGlass(Guid CaseId, Guid StationId, Guid SupervisorId, Guid? SupervisorStationId, DateTimeOffset At);

public sealed record AuditEntry(DateTimeOffset At, Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId, string What,
    bool BreakGlass, string? Reason);

public static class CaseFileAccess
{
    /// <summary>The header a supervisor sends, with the reason, to open another station's case.</summary>
    public const string BreakGlassHeader = "X-Break-Glass-Reason";

    // Fixed: the audit stream of a case must always be found again.
    private static readonly Guid AuditNamespace = new("2b8e6f4a-1c3d-5e7f-8a9b-0c1d2e3f4a5b");

    public static Guid AuditStreamOf(Guid caseId) => NameBasedGuid.Create(AuditNamespace, caseId.ToString("N"));

    /// <summary>
    /// Opens a case for reading: within the reader's station, or — for a supervisor who states a
    /// reason — across stations (break-the-glass). Anyone else gets 404, as if it did not exist.
    /// The read is recorded before anything is returned.
    /// </summary>
    public static async Task<Case> OpenAsync(
        IDocumentStore store, IQuerySession session, CurrentUser user, Guid caseId, string what, HttpRequest request, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var current = await session.LoadAsync<Case>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
        string? reason = null;
        if (!user.IsIn(Roles.Admin) && user.StationId != current.StationId)
        {
            reason = request.Headers[BreakGlassHeader].ToString().Trim();
            if (!user.IsIn(Roles.Supervisor) || reason.Length == 0) throw new RecordNotFound("Case", caseId);
            var validator = new RequestValidator();
            if (reason.Length > 500) validator.Fail(BreakGlassHeader, "must be at most 500 characters.");
            validator.ThrowIfInvalid();
        }

        var now = clock.GetUtcNow();
        var read = new CaseFileRead(caseId, current.StationId, user.Id, [.. user.Roles.Order()], user.StationId, what, reason, now);
        await using var audit = store.LightweightSession();
        audit.Events.Append(AuditStreamOf(caseId), reason is null
            ? [read]
            : [read, new CaseFileOpenedByBreakGlass(caseId, current.StationId, user.Id, user.StationId, now)]);
        await audit.SaveChangesAsync(cancellationToken);
        return current;
    }

    public static void MapCaseFileAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Who read a case file or timeline, when, and why for break-the-glass (?caseId=).");

    private static async Task<IResult> ListAsync(Guid? caseId, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Check(caseId is not null && caseId != Guid.Empty, "caseId", "is required: the case whose reads to list.");
        validator.ThrowIfInvalid();
        var current = await session.LoadAsync<Case>(caseId!.Value, cancellationToken) ?? throw new RecordNotFound("Case", caseId.Value);
        CurrentUser.From(principal).EnsureCanSee(current.StationId, "Case", caseId.Value);
        var events = await session.Events.FetchStreamAsync(AuditStreamOf(caseId.Value), token: cancellationToken);
        return TypedResults.Ok(events.Select(e => e.Data).OfType<CaseFileRead>()
            .Select(r => new AuditEntry(r.At, r.ReaderId, r.ReaderRoles, r.ReaderStationId, r.What, r.BreakGlassReason is not null, r.BreakGlassReason))
            .ToList());
    }
}
