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
    /// From the station's counts (<see cref="StationCounts"/>): every key of every enum is present,
    /// zero when none, so a chart does not have to guess which categories exist. "Closed in the last
    /// 30 days" counts cases closed now whose closing fell in the window; a case closed and reopened
    /// since counts as open. Missed deliveries count those of open cases and of cases closed in the window.
    /// </summary>
    public static StationDashboard From(Guid stationId, StationCounts counts, DateTimeOffset now) =>
        new(stationId, now, counts.OpenCases,
            WithEveryKey(Enum.GetNames<ClientGroup>(), counts.ByClientGroup),
            WithEveryKey(Enum.GetNames<ClientCategory>(), counts.ByCategory),
            WithEveryKey([.. Enum.GetNames<RiskLevel>(), Unassessed], counts.ByRiskLevel),
            WithEveryKey(Enum.GetNames<NeedCategory>(), counts.OpenNeedsByCategory),
            counts.OverdueVisits, counts.OpenedInWindow, counts.ClosedInWindow, counts.MissedDeliveries, counts.SafetyChecksRequired);

    private static Dictionary<string, int> WithEveryKey(IEnumerable<string> keys, IReadOnlyDictionary<string, int>? counts)
    {
        var all = keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var (key, count) in counts ?? new Dictionary<string, int>()) all[key] = count;
        return all;
    }
}
