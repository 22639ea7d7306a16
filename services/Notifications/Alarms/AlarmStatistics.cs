using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>
/// A district's urgent alarms raised in a month: by the highest level they reached (none, the
/// rule's own people, the station's supervisors or coordinators, the district's officers), by
/// rule, how many were acknowledged and how long that took, in minutes. Counts only.
/// </summary>
public sealed record DistrictAlarmStatistics(
    string DistrictCode, int Raised, IReadOnlyDictionary<string, int> ByHighestLevel, IReadOnlyDictionary<string, int> ByRule,
    int Acknowledged, int OpenNow, int UnreachedNow, double? MedianMinutesToAcknowledge, double? P90MinutesToAcknowledge)
{
    /// <summary>The level of an alarm that reached nobody.</summary>
    public const string Nobody = "Nobody";

    public static DistrictAlarmStatistics Of(string districtCode, IReadOnlyCollection<Alarm> alarms)
    {
        var levels = new[] { Nobody }.Concat(Enum.GetNames<AlarmAudience>())
            .ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        foreach (var alarm in alarms) levels[HighestLevel(alarm)]++;
        var waits = alarms.Where(a => a.AcknowledgedAt is not null)
            .Select(a => (a.AcknowledgedAt!.Value - a.RaisedAt).TotalMinutes).Order().ToList();
        return new DistrictAlarmStatistics(
            districtCode, alarms.Count, levels,
            alarms.GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            waits.Count, alarms.Count(a => a.IsOpen), alarms.Count(a => a.IsUnreached), Percentile(waits, 0.5), Percentile(waits, 0.9));
    }

    private static string HighestLevel(Alarm alarm) =>
        alarm.Reached.Count == 0 ? Nobody : alarm.Reached.MaxBy(s => s.Level)!.Audience.ToString();

    /// <summary>Linear interpolation between the closest ranks (as PostgreSQL's percentile_cont), to a tenth of a minute.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0) return null;
        var rank = fraction * (sorted.Count - 1);
        var (low, high) = ((int)Math.Floor(rank), (int)Math.Ceiling(rank));
        var value = sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        return Math.Round(value, 1, MidpointRounding.AwayFromZero);
    }
}

/// <summary>The month's alarm statistics of one district or of the city (a row per district, then the total).</summary>
public sealed record AlarmStatistics(string Month, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset AsOf,
    IReadOnlyList<DistrictAlarmStatistics> Districts, DistrictAlarmStatistics Total)
{
    public const string TotalCode = "total";
}

/// <summary>The statistics as the bureau's spreadsheet shows them: a row per district with the total last, and the rules in long form.</summary>
public static class AlarmStatisticsSheets
{
    public static readonly LocalText FileName = new("紧急告警统计", "alarm-statistics");
    public static readonly LocalText City = new("全市", "city");

    private static readonly Dictionary<string, LocalText> Levels = new(StringComparer.Ordinal)
    {
        [DistrictAlarmStatistics.Nobody] = new("未送达任何人", "Reached nobody"),
        [nameof(AlarmAudience.RuleAudience)] = new("最高到达：责任人", "Highest: the people responsible"),
        [nameof(AlarmAudience.StationSupervisors)] = new("最高到达：站长/督导", "Highest: station supervisors"),
        [nameof(AlarmAudience.StationCoordinators)] = new("最高到达：协调员", "Highest: station coordinators"),
        [nameof(AlarmAudience.DistrictOfficers)] = new("最高到达：区县值班", "Highest: district officers"),
    };

    public static IReadOnlyList<ReportSheet> Of(AlarmStatistics statistics, ReaderLanguage language)
    {
        var all = statistics.Districts.Append(statistics.Total).ToList();
        ReportColumn[] columns =
        [
            new("区县代码", "District code"), new("本月告警", "Raised"),
            .. Levels.Values.Select(l => new ReportColumn(l.ZhCN, l.En)),
            new("已确认", "Acknowledged"), new("当前未确认", "Open now"), new("当前无人接收", "Unreached now"),
            new("确认用时中位数（分钟）", "Median minutes to acknowledge"), new("确认用时第90百分位（分钟）", "90th percentile minutes to acknowledge"),
        ];
        var rows = all.Select(d => (IReadOnlyList<object?>)
        [
            d.DistrictCode == AlarmStatistics.TotalCode ? BuildingBlocks.Reports.ReportFile.Total.In(language) : d.DistrictCode, d.Raised,
            .. Levels.Keys.Select(k => (object?)d.ByHighestLevel.GetValueOrDefault(k)),
            d.Acknowledged, d.OpenNow, d.UnreachedNow, d.MedianMinutesToAcknowledge, d.P90MinutesToAcknowledge,
        ]).ToList();
        var byRule = all.SelectMany(d => d.ByRule.Select(r => (IReadOnlyList<object?>)
            [d.DistrictCode == AlarmStatistics.TotalCode ? ReportFile.Total.In(language) : d.DistrictCode, r.Key, r.Value])).ToList();
        return
        [
            new ReportSheet(new("区县告警", "Districts"), columns, rows),
            new ReportSheet(new("按规则", "By rule"), [new("区县代码", "District code"), new("规则", "Rule"), new("告警数", "Alarms")], byRule),
        ];
    }
}
