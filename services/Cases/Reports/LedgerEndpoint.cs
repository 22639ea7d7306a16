using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Stations;
using Marten;

namespace FiveSocieties.Cases.Reports;

/// <summary>The ledger's counts as PostgreSQL groups them: one round trip over the month's service records of the station's cases.</summary>
public static class LedgerQueries
{
    /// <summary>The station-wide row: how many distinct activities had attendance in the month.</summary>
    public const string ActivitiesHeld = "activities-held";

    public static async Task<IReadOnlyList<LedgerCount>> CountsAsync(
        IQuerySession session, Guid stationId, ReportMonth month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Counted by subject: a delivery or visit reported twice is one service. A Reporting consent
        // counts while valid at the time of reading: withdrawn or expired, the next file is anonymous.
        var sql = $"""
            with c as materialized (
                select id, client_group,
                       exists (select 1 from jsonb_array_elements(data->'consents') x
                               where x->>'purpose' = 'Reporting' and x->>'status' = 'Valid' and (x->>'validUntil')::timestamptz > ?) reporting
                from {session.CaseTable()} where station_id = ?),
            r as (
                select r.case_id, c.client_group, r.kind, r.data->>'detail' detail, r.data->>'subject' subject, c.reporting
                from {session.ServiceRecordTable()} r join c on c.id = r.case_id
                where r.month = ?)
            select jsonb_build_object('caseId', case_id, 'clientGroup', client_group, 'kind', kind, 'detail', detail, 'n', count(distinct subject),
                                      'reporting', reporting)
            from r group by case_id, client_group, kind, detail, reporting
            union all
            select jsonb_build_object('kind', '{ActivitiesHeld}', 'n', count(distinct subject)) from r where kind = '{ServiceKinds.Activity}'
            """;
        return await session.QueryAsync<LedgerCount>(sql, cancellationToken, now, stationId, month.ToString());
    }
}

public static class LedgerEndpoint
{
    public static void MapStationLedger(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/ledger", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin, Roles.DistrictOfficer)
            .ProducesReport<StationLedger>()
            .WithSummary("服务台账: the station's month (?month=yyyy-MM, this month by default) — services per client (its own staff only), visits, meals, activities, referrals by stage. ?format=xlsx or csv downloads it; every download is audited.");

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, TimeProvider clock, LocalCalendar calendar,
        TextCatalogues texts, HttpContext http, CancellationToken cancellationToken, string? month = null, string? format = null)
    {
        var now = clock.GetUtcNow();
        var (asked, answerAs, _) = ReportRequest.ForStation(month, format, calendar.Today(now));

        var user = CurrentUser.From(principal);
        var station = await session.LoadAsync<Station>(id, cancellationToken) ?? throw new RecordNotFound("Station", id);
        var ownStaff = user.StationId == id;
        // A district officer reads its own district's stations in totals; an admin reads any in totals.
        if (!ownStaff && !user.IsIn(Roles.Admin) && !(user.IsIn(Roles.DistrictOfficer) && user.DistrictCode == station.DistrictCode))
            throw new RecordNotFound("Station", id);

        var counts = await LedgerQueries.CountsAsync(session, id, asked, now, cancellationToken);
        var ledger = StationLedger.Of(id, station.Name, asked.ToString(), asked.FirstDay, asked.LastDay, now, counts, ownStaff);
        var language = http.AnswerInReaderLanguage();
        if (answerAs == ReportFormat.Json) return TypedResults.Ok(ledger);

        var sheets = LedgerSheets.Of(ledger, texts, language);
        await ReportExports.RecordAsync(store, user, "station-ledger", id.ToString(), id, station.DistrictCode, asked, answerAs,
            sheets.Sum(s => s.Rows.Count), now, cancellationToken);
        return ReportFile.Answer(answerAs, $"{LedgerSheets.FileName.In(language)}_{station.Name}_{asked}", sheets, language);
    }
}
