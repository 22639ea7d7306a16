using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Stations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Dashboards;

public static class StationDashboardEndpoint
{
    public static void MapStationDashboard(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/dashboard", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin, Roles.DistrictOfficer)
            .WithSummary("The station's counts: open cases by client group, category and risk; open needs by category; overdue visits; cases opened and closed in the last 30 days.");

    private static async Task<Ok<StationDashboard>> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        // A district officer reads the counts of its own district's stations, never a case file.
        if (user.IsIn(Roles.DistrictOfficer) && !user.IsIn(Roles.Admin))
        {
            var station = await session.LoadAsync<Station>(id, cancellationToken);
            if (station is null || station.DistrictCode != user.DistrictCode) throw new RecordNotFound("Station", id);
        }
        else user.EnsureCanSee(id, "Station", id);
        var now = clock.GetUtcNow();
        var counts = await StationCounts.OfAsync(session, id, now, cancellationToken);
        return TypedResults.Ok(StationDashboard.From(id, counts, now));
    }
}

/// <summary>
/// The dashboard's counts as PostgreSQL computes them from the case table's columns: one round
/// trip, a few rows out, no case file read. "Open" is every status but Closed; the counts keyed
/// by name hold only the names that occur (the dashboard adds the zeros).
/// </summary>
public sealed record StationCounts(
    int OpenCases, Dictionary<string, int>? ByClientGroup, Dictionary<string, int>? ByCategory, Dictionary<string, int>? ByRiskLevel,
    Dictionary<string, int>? OpenNeedsByCategory, int OverdueVisits, int OpenedInWindow, int ClosedInWindow, int MissedDeliveries,
    int SafetyChecksRequired)
{
    public static Task<StationCounts> OfAsync(IQuerySession session, Guid stationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        OfAsync(session, [stationId], now, cancellationToken);

    /// <summary>The counts of several stations together, as a district's statistics add them up.</summary>
    public static async Task<StationCounts> OfAsync(IQuerySession session, Guid[] stationIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - StationDashboard.RecentWindow;
        var missedSince = now - StationDashboard.MissedDeliveryWindow;
        // Closed cases pile up over the years; only those closed within the window can count.
        // A category listed twice on a case counts the case once (count distinct).
        var sql = $"""
            with c as materialized (
                select id, status, client_group, category_names, risk_level, live_need_categories, next_visit_due_at,
                       opened_at, closed_at, missed_delivery_times, safety_check_required
                from {session.CaseTable()}
                where station_id = any(?) and (status <> 'Closed' or closed_at > ?)),
            o as (select * from c where status <> 'Closed')
            select jsonb_build_object(
                'openCases', (select count(*) from o),
                'byClientGroup', (select jsonb_object_agg(k, n) from (select client_group k, count(*) n from o group by 1) x),
                'byCategory', (select jsonb_object_agg(k, n) from (select k, count(distinct o.id) n from o, unnest(o.category_names) k group by 1) x),
                'byRiskLevel', (select jsonb_object_agg(k, n) from (select coalesce(risk_level, ?) k, count(*) n from o group by 1) x),
                'openNeedsByCategory', (select jsonb_object_agg(k, n) from (select k, count(*) n from o, unnest(o.live_need_categories) k group by 1) x),
                'overdueVisits', (select count(*) from o where next_visit_due_at < ?),
                'openedInWindow', (select count(*) from c where opened_at > ? and opened_at <= ?),
                'closedInWindow', (select count(*) from c where status = 'Closed' and closed_at > ? and closed_at <= ?),
                'missedDeliveries', (select count(*) from c, unnest(c.missed_delivery_times) m where m > ? and m <= ?),
                'safetyChecksRequired', (select count(*) from o where safety_check_required))
            """;
        var rows = await session.QueryAsync<StationCounts>(sql, cancellationToken,
            stationIds, since, StationDashboard.Unassessed, now, since, now, since, now, missedSince, now);
        return rows.Single();
    }
}
