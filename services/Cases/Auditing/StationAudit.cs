// 站内查阅记录: every read of a station's case files and households in one list, so its supervisor
// can review who read what — above all the break-the-glass reads by other stations' supervisors.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Stations;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Cases.Auditing;

/// <summary>
/// Read model: one row per recorded read of a record of a station (<see cref="CaseFileRead"/>,
/// <see cref="HouseholdRead"/>) or search of its clients (<see cref="ClientsSearched"/>: no record,
/// the kind of query and how many matched), or export of its reports and audit (<see cref="ReportExported"/>:
/// the rows the file held), keyed by the event. Disposable: the audit streams rebuild it.
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

    /// <summary>
    /// A report of the station taken out as a file: which report and format, and how many rows it
    /// held. A district's or the city's file names no station and stays an event of its own.
    /// </summary>
    public void Project(IEvent<ReportExported> e, IDocumentOperations operations)
    {
        var r = e.Data;
        if (r.StationId is not { } station) return;
        operations.Store(new StationAuditEntry(e.Id, station, "report", null, $"{r.Report}-{r.Format}", r.ReaderId, r.ReaderRoles,
            r.ReaderStationId, false, null, r.At, r.Rows));
    }

    /// <summary>A volunteer's record (one volunteer) or the list of their names (how many shown).</summary>
    public void Project(IEvent<VolunteerDataRead> e, IDocumentOperations operations)
    {
        var r = e.Data;
        operations.Store(new StationAuditEntry(e.Id, r.StationId, "volunteer", r.VolunteerId, r.What, r.ReaderId, r.ReaderRoles,
            null, false, null, r.At, r.VolunteerId is null ? r.Shown : null));
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

    /// <summary>At most this many entries go into one file; a longer period is asked for in parts.</summary>
    public const int MaxExportRows = 10_000;

    public static void MapStationAudit(this IEndpointRouteBuilder api)
    {
        api.MapGet("/stations/{id:guid}/audit", StationAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .ProducesReport<ListPage<StationAuditEntry>>()
            .WithSummary("Every read of the station's case files, timelines and households, every search of its clients and every export of its ledger, newest first, paged; ?breakGlass=true for the reads by other stations' supervisors, ?readerId=, ?recordId=, ?from=/?to= to narrow; ?format=xlsx or csv downloads what matches (at most 10,000 entries), audited.");
        api.MapGet("/districts/{code}/audit", DistrictAsync)
            .RequireRoles(Roles.DistrictOfficer, Roles.Admin)
            .ProducesReport<ListPage<StationAuditEntry>>()
            .WithSummary("The access audit of every station of a district, for its own officer (or an admin): the same entries and filters as a station's, ?stationId= for one of them; ?format=xlsx or csv downloads them, audited.");
    }

    private static Task<IResult> StationAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar, HttpContext http,
        CancellationToken cancellationToken, bool? breakGlass = null, Guid? readerId = null, Guid? recordId = null, DateTimeOffset? from = null,
        DateTimeOffset? to = null, int? page = null, int? pageSize = null, string? format = null)
    {
        var filter = AuditFilter.Parse(breakGlass, readerId, recordId, from, to, page, pageSize, format);
        var user = CurrentUser.From(principal);
        user.EnsureCanSee(id, "Station", id);
        return AnswerAsync(new AuditScope(id.ToString(), id, null, [id]), filter, user, store, session, clock, calendar, http, cancellationToken);
    }

    private static async Task<IResult> DistrictAsync(
        string code, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        HttpContext http, CancellationToken cancellationToken, Guid? stationId = null, bool? breakGlass = null, Guid? readerId = null,
        Guid? recordId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? page = null, int? pageSize = null, string? format = null)
    {
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(code), "code", "must be a 6-digit district code, e.g. 140213.");
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var filter = AuditFilter.Parse(breakGlass, readerId, recordId, from, to, page, pageSize, format);
        var user = CurrentUser.From(principal);
        ReportRequest.EnsureReads(user, code);
        var stations = await session.Query<Station>().Where(s => s.DistrictCode == code).Select(s => s.Id).ToListAsync(cancellationToken);
        if (stationId is { } one)
        {
            if (!stations.Contains(one)) throw new RecordNotFound("Station", one);
            stations = [one];
        }
        return await AnswerAsync(new AuditScope(code, stationId, code, [.. stations]), filter, user, store, session, clock, calendar, http,
            cancellationToken);
    }

    /// <summary>Which stations' entries are read, and how an export of them is recorded.</summary>
    private sealed record AuditScope(string Name, Guid? StationId, string? DistrictCode, Guid[] Stations);

    private sealed record AuditFilter(
        bool? BreakGlass, Guid? ReaderId, Guid? RecordId, DateTimeOffset? From, DateTimeOffset? To, Paging Paging, ReportFormat Format)
    {
        public static AuditFilter Parse(
            bool? breakGlass, Guid? readerId, Guid? recordId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, string? format)
        {
            var validator = new RequestValidator();
            validator.Check(readerId != Guid.Empty, "readerId", "must not be the empty id.");
            validator.Check(recordId != Guid.Empty, "recordId", "must not be the empty id.");
            validator.Check(from is null || to is null || from <= to, "to", "must not be before from.");
            var paging = validator.Paging(page, pageSize);
            var answerAs = ReportFile.ParseFormat(format, validator);
            validator.ThrowIfInvalid();
            return new AuditFilter(breakGlass, readerId, recordId, from, to, paging, answerAs);
        }

        public IQueryable<StationAuditEntry> Apply(IQueryable<StationAuditEntry> entries)
        {
            if (BreakGlass is { } glass) entries = entries.Where(e => e.BreakGlass == glass);
            if (ReaderId is { } reader) entries = entries.Where(e => e.ReaderId == reader);
            if (RecordId is { } record) entries = entries.Where(e => e.RecordId == record);
            if (From is { } since) entries = entries.Where(e => e.At >= since);
            if (To is { } until) entries = entries.Where(e => e.At <= until);
            return entries;
        }
    }

    private static async Task<IResult> AnswerAsync(
        AuditScope scope, AuditFilter filter, CurrentUser user, IDocumentStore store, IQuerySession session, TimeProvider clock,
        LocalCalendar calendar, HttpContext http, CancellationToken cancellationToken)
    {
        var entries = filter.Apply(session.Query<StationAuditEntry>().Where(e => e.StationId.IsOneOf(scope.Stations)));
        if (filter.Format == ReportFormat.Json)
            return TypedResults.Ok(await entries.ToListPageAsync(
                q => q.OrderByDescending(e => e.At).ThenBy(e => e.Id), filter.Paging, e => e, cancellationToken));

        var rows = await entries.OrderByDescending(e => e.At).ThenBy(e => e.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        var language = http.AnswerInReaderLanguage();
        var now = clock.GetUtcNow();
        var sheets = AuditSheets.Of(rows, calendar, language);
        await ReportExports.RecordAsync(store, user, "access-audit", scope.Name, scope.StationId, scope.DistrictCode,
            ReportMonth.Of(calendar.Today(now)), filter.Format, rows.Count, now, cancellationToken);
        return ReportFile.Answer(filter.Format, $"{AuditSheets.FileName.In(language)}_{calendar.Today(now):yyyy-MM-dd}", sheets, language);
    }
}

/// <summary>The access audit as a spreadsheet: one row per read, search or export, local times, ids and codes.</summary>
public static class AuditSheets
{
    public static readonly LocalText FileName = new("查阅记录", "access-audit");

    private static readonly ReportColumn[] Columns =
    [
        new("时间", "Time"), new("社工站编号", "Station id"), new("查阅人编号", "Reader id"), new("查阅人岗位", "Reader roles"),
        new("查阅人所在站", "Reader's station"), new("档案类型", "Record kind"), new("档案编号", "Record id"), new("查阅内容", "What"),
        new("破例查阅", "Break-glass"), new("理由", "Reason"), new("条数", "Count"),
    ];

    public static IReadOnlyList<ReportSheet> Of(IReadOnlyList<StationAuditEntry> entries, LocalCalendar calendar, ReaderLanguage language) =>
    [
        new ReportSheet(new("查阅记录", "Access audit"), Columns, entries.Select(e => (IReadOnlyList<object?>)
        [
            calendar.Local(e.At).ToString("yyyy-MM-dd HH:mm:ss"), e.StationId.ToString(), e.ReaderId.ToString(), string.Join(" ", e.ReaderRoles),
            e.ReaderStationId?.ToString(), e.RecordKind, e.RecordId?.ToString(), e.What,
            e.BreakGlass ? new LocalText("是", "yes").In(language) : new LocalText("否", "no").In(language), e.Reason, e.Matches,
        ]).ToList()),
    ];
}
