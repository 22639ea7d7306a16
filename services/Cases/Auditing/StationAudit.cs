// 站内查阅记录: every read of a station's case files and households in one list, so its supervisor
// can review who read what — above all the break-the-glass reads by other stations' supervisors.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Security;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Cases.Auditing;

/// <summary>
/// Read model: one row per recorded read of a record of a station (<see cref="CaseFileRead"/>,
/// <see cref="HouseholdRead"/>) or search of its clients (<see cref="ClientsSearched"/>: no record,
/// the kind of query and how many matched), or export of its ledger (<see cref="ReportExported"/>: the rows it held), keyed by the event. Disposable: the audit streams rebuild it.
/// </summary>
public sealed record StationAuditEntry(
    Guid Id, Guid StationId, string RecordKind, Guid? RecordId, string What, Guid ReaderId, IReadOnlyList<string> ReaderRoles,
    Guid? ReaderStationId, bool BreakGlass, string? Reason, DateTimeOffset At, long? Matches = null);

public sealed partial class StationAuditProjection : EventProjection
{
    public void Project(IEvent<CaseFileRead> e, IDocumentOperations operations)
    {
        var r = e.Data;
        operations.Store(new StationAuditEntry(e.Id, r.StationId, "case", r.CaseId, r.What, r.ReaderId, r.ReaderRoles, r.ReaderStationId,
            r.BreakGlassReason is not null, r.BreakGlassReason, r.At));
    }

    /// <summary>A household of no station is no station's to audit (its reads stay on GET /audit?householdId=).</summary>
    public void Project(IEvent<HouseholdRead> e, IDocumentOperations operations)
    {
        var r = e.Data;
        if (r.StationId is not { } station) return;
        operations.Store(new StationAuditEntry(e.Id, station, "household", r.HouseholdId, "household", r.ReaderId, r.ReaderRoles,
            r.ReaderStationId, r.BreakGlassReason is not null, r.BreakGlassReason, r.At));
    }

    /// <summary>A search of the station's own clients: what was searched stays a hash, the list shows its kind and the matches.</summary>
    public void Project(IEvent<ClientsSearched> e, IDocumentOperations operations)
    {
        var s = e.Data;
        operations.Store(new StationAuditEntry(e.Id, s.StationId, "clients", null, SearchWhat(s.Kind), s.ReaderId, s.ReaderRoles,
            s.StationId, false, null, s.At, s.Matches));
    }

    /// <summary>A report of the station taken out as a file: which report and format, and how many rows it held.</summary>
    public void Project(IEvent<ReportExported> e, IDocumentOperations operations)
    {
        var r = e.Data;
        if (r.StationId is not { } station) return;
        operations.Store(new StationAuditEntry(e.Id, station, "report", null, $"{r.Report}-{r.Format}", r.ReaderId, r.ReaderRoles,
            r.ReaderStationId, false, null, r.At, r.Rows));
    }

    private static string SearchWhat(ClientQueryKind kind) => kind switch
    {
        ClientQueryKind.IdNumber => "search-id-number",
        ClientQueryKind.Phone => "search-phone",
        _ => "search-name",
    };
}

public static class StationAudit
{
    public static StoreOptions AddStationAudit(this StoreOptions store)
    {
        // Inline: the read is on the list as soon as it is recorded (before the record was returned).
        store.Projections.Add<StationAuditProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<StationAuditEntry>().Duplicate(e => e.StationId).Duplicate(e => e.At).Duplicate(e => e.BreakGlass);
        return store;
    }

    public static void MapStationAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/audit", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<ListPage<StationAuditEntry>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every read of the station's case files, timelines and households and every search of its clients, newest first, paged; ?breakGlass=true for the reads by other stations' supervisors, ?readerId=, ?recordId=, ?from=/?to= to narrow.");

    private static async Task<IResult> ListAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken,
        bool? breakGlass = null, Guid? readerId = null, Guid? recordId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        validator.Check(readerId != Guid.Empty, "readerId", "must not be the empty id.");
        validator.Check(recordId != Guid.Empty, "recordId", "must not be the empty id.");
        validator.Check(from is null || to is null || from <= to, "to", "must not be before from.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();
        CurrentUser.From(principal).EnsureCanSee(id, "Station", id);

        var entries = session.Query<StationAuditEntry>().Where(e => e.StationId == id);
        if (breakGlass is { } glass) entries = entries.Where(e => e.BreakGlass == glass);
        if (readerId is { } reader) entries = entries.Where(e => e.ReaderId == reader);
        if (recordId is { } record) entries = entries.Where(e => e.RecordId == record);
        if (from is { } since) entries = entries.Where(e => e.At >= since);
        if (to is { } until) entries = entries.Where(e => e.At <= until);
        return TypedResults.Ok(await entries.ToListPageAsync(
            q => q.OrderByDescending(e => e.At).ThenBy(e => e.Id), paging, e => e, cancellationToken));
    }
}
