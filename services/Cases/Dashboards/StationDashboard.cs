using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Dashboards;

/// <summary>
/// The station's dashboard: what its open and active cases are, what they still need, whose
/// visit is overdue, and how many cases came and went in the last 30 days. Missed deliveries are
/// counted from the DeliveryMissed reports on each case.
/// </summary>
public sealed record StationDashboard(
    Guid StationId, DateTimeOffset AsOf, int OpenCases,
    IReadOnlyDictionary<string, int> OpenCasesByClientGroup,
    IReadOnlyDictionary<string, int> OpenCasesByCategory,
    IReadOnlyDictionary<string, int> OpenCasesByRiskLevel,
    IReadOnlyDictionary<string, int> OpenNeedsByCategory,
    int OverdueVisits, int CasesOpenedLast30Days, int CasesClosedLast30Days,
    int MissedDeliveriesLast7Days = 0, int SafetyChecksRequired = 0)
{
    public static readonly TimeSpan MissedDeliveryWindow = TimeSpan.FromDays(7);

    public const string Unassessed = "Unassessed";
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// From the station's cases: those not closed, and those closed within the window (which
    /// are all the cases the window can count). Every key of every enum is present, zero when
    /// none, so a chart does not have to guess which categories exist. "Closed in the last 30
    /// days" counts cases closed now whose closing fell in the window; a case closed and
    /// reopened since counts as open.
    /// </summary>
    public static StationDashboard From(Guid stationId, IEnumerable<Case> cases, DateTimeOffset now)
    {
        var since = now - RecentWindow;
        var all = cases.ToList();
        var open = all.Where(c => c.Status != CaseStatus.Closed).ToList();
        return new(stationId, now, open.Count,
            Count(Enum.GetNames<ClientGroup>(), open.Select(c => c.ClientGroup.ToString())),
            Count(Enum.GetNames<ClientCategory>(), open.SelectMany(c => c.Categories.Distinct()).Select(c => c.ToString())),
            Count([.. Enum.GetNames<RiskLevel>(), Unassessed], open.Select(c => c.RiskLevel?.ToString() ?? Unassessed)),
            Count(Enum.GetNames<NeedCategory>(), open.SelectMany(c => c.Needs).Where(n => n.IsLive).Select(n => n.Category.ToString())),
            open.Count(c => VisitSchedule.IsOverdue(c, now)),
            all.Count(c => c.OpenedAt > since && c.OpenedAt <= now),
            all.Count(c => c.Status == CaseStatus.Closed && c.ClosedAt > since && c.ClosedAt <= now),
            all.Sum(c => MissedSince(c, now)),
            open.Count(c => c.SafetyCheckRequired));
    }

    /// <summary>Missed deliveries of the case within the 7 days up to <paramref name="now"/>.</summary>
    public static int MissedSince(Case c, DateTimeOffset now) =>
        c.MissedDeliveries.Count(m => m.MissedAt > now - MissedDeliveryWindow && m.MissedAt <= now);

    private static Dictionary<string, int> Count(IEnumerable<string> keys, IEnumerable<string> values)
    {
        var counts = keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var value in values) counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts;
    }
}
