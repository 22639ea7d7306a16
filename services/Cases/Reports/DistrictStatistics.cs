using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Stations.Coverage;
using Marten;

namespace FiveSocieties.Cases.Reports;

/// <summary>
/// The needs of a month: raised in it, matched in it (a need matched, reopened and matched again
/// counts once, at its first match in the month), and how long the matched ones waited from being
/// raised, in hours. <see cref="WaitingNow"/> is every need of an open case still waiting for an offer when the report is read.
/// </summary>
public sealed record NeedStatistics(
    int Raised, int Matched, int WaitingNow, double? MedianHoursToMatch, double? P90HoursToMatch,
    IReadOnlyDictionary<string, int> RaisedByCategory);

/// <summary>
/// 区县统计: one district's coverage, its open cases by client group, category and risk (as the
/// stations' dashboards count them, now), and the month's needs. Counts only: no case is named.
/// </summary>
public sealed record DistrictStatistics(
    string DistrictCode, string DistrictName, int Townships, int Stations, int StationsRegistered, double Coverage, int OpenCases,
    IReadOnlyDictionary<string, int> OpenCasesByClientGroup, IReadOnlyDictionary<string, int> OpenCasesByCategory,
    IReadOnlyDictionary<string, int> OpenCasesByRiskLevel, int OverdueVisits, NeedStatistics Needs);

/// <summary>The city's statistics, or one district's: a row per district and the city's totals.</summary>
public sealed record CityStatistics(string Month, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset AsOf, IReadOnlyList<DistrictStatistics> Districts,
    DistrictStatistics Total)
{
    public const string TotalCode = "total";

    /// <summary>The totals row: sums, coverage recomputed from the sums, and the time to match not summed (it is a percentile).</summary>
    public static DistrictStatistics Sum(IReadOnlyList<DistrictStatistics> districts, string name)
    {
        var townships = districts.Sum(d => d.Townships);
        var registered = districts.Sum(d => d.StationsRegistered);
        return new DistrictStatistics(
            TotalCode, name, townships, districts.Sum(d => d.Stations), registered, DistrictCoverageReport.Ratio(registered, townships),
            districts.Sum(d => d.OpenCases), Add(districts.Select(d => d.OpenCasesByClientGroup)), Add(districts.Select(d => d.OpenCasesByCategory)),
            Add(districts.Select(d => d.OpenCasesByRiskLevel)), districts.Sum(d => d.OverdueVisits),
            new NeedStatistics(districts.Sum(d => d.Needs.Raised), districts.Sum(d => d.Needs.Matched), districts.Sum(d => d.Needs.WaitingNow),
                null, null, Add(districts.Select(d => d.Needs.RaisedByCategory))));
    }

    private static Dictionary<string, int> Add(IEnumerable<IReadOnlyDictionary<string, int>> counts)
    {
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, n) in counts.SelectMany(c => c)) sum[key] = sum.GetValueOrDefault(key) + n;
        return sum;
    }
}

public static class DistrictStatisticsQueries
{
    private sealed record NeedCounts(int Raised, int Matched, int WaitingNow, double? Median, double? P90, Dictionary<string, int>? ByCategory);

    public static async Task<DistrictStatistics> OfAsync(
        IQuerySession session, DistrictCoverage district, ReportMonth month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var coverage = DistrictCoverageReport.From(district);
        var stations = (await session.Query<Station>().Where(s => s.DistrictCode == district.DistrictCode).Select(s => s.Id)
            .ToListAsync(cancellationToken)).ToArray();
        var counts = await StationCounts.OfAsync(session, stations, now, cancellationToken);
        var dashboard = StationDashboard.From(Guid.Empty, counts, now);
        var needs = await NeedsAsync(session, stations, month, cancellationToken);
        var byCategory = Enum.GetNames<Contracts.V1.NeedCategory>().ToDictionary(
            k => k, k => needs.ByCategory?.GetValueOrDefault(k) ?? 0, StringComparer.Ordinal);
        return new DistrictStatistics(
            district.DistrictCode, district.DistrictName, coverage.Townships, coverage.Stations, coverage.StationsRegistered,
            coverage.Coverage, dashboard.OpenCases, dashboard.OpenCasesByClientGroup, dashboard.OpenCasesByCategory,
            dashboard.OpenCasesByRiskLevel, dashboard.OverdueVisits,
            new NeedStatistics(needs.Raised, needs.Matched, needs.WaitingNow, Hours(needs.Median), Hours(needs.P90), byCategory));
    }

    private static double? Hours(double? hours) => hours is { } h ? Math.Round(h, 1, MidpointRounding.AwayFromZero) : null;

    private static async Task<NeedCounts> NeedsAsync(IQuerySession session, Guid[] stations, ReportMonth month, CancellationToken cancellationToken)
    {
        var sql = $"""
            with c as materialized (select id, status, data from {session.CaseTable()} where station_id = any(?)),
            raised as (
                select r.data->>'subject' need, r.at, r.month, r.data->>'detail' category
                from {session.ServiceRecordTable()} r join c on c.id = r.case_id where r.kind = '{ServiceKinds.NeedRaised}'),
            matched as (
                select r.data->>'subject' need, min(r.at) at
                from {session.ServiceRecordTable()} r join c on c.id = r.case_id
                where r.kind = '{ServiceKinds.NeedMatched}' and r.month = ? group by 1),
            waits as (select extract(epoch from m.at - r.at) / 3600.0 h from matched m join raised r on r.need = m.need)
            select jsonb_build_object(
                'raised', (select count(*) from raised where month = ?),
                'byCategory', (select jsonb_object_agg(category, n) from (select category, count(*) n from raised where month = ? group by 1) x),
                'matched', (select count(*) from matched),
                'waitingNow', (select count(*) from c, jsonb_array_elements(c.data->'needs') n where c.status <> 'Closed' and n->>'status' = 'Open'),
                'median', (select percentile_cont(0.5) within group (order by h) from waits),
                'p90', (select percentile_cont(0.9) within group (order by h) from waits))
            """;
        var m = month.ToString();
        var rows = await session.QueryAsync<NeedCounts>(sql, cancellationToken, stations, m, m, m);
        return rows.Single();
    }
}
