using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Reports;

/// <summary>The statistics as the bureau's spreadsheet shows them: a row per district with the totals last, and the breakdowns in long form.</summary>
public static class StatisticsSheets
{
    public static readonly LocalText FileName = new("社工站统计", "station-statistics");
    public static readonly LocalText City = new("全市", "city");

    private static readonly LocalText DistrictsSheet = new("区县概况", "Districts");
    private static readonly LocalText BreakdownSheet = new("分类统计", "Breakdown");

    private static readonly ReportColumn[] DistrictColumns =
    [
        new("区县代码", "District code"), new("区县", "District"), new("乡镇（街道）", "Townships"), new("社工站", "Stations"),
        new("已录入全国系统的站", "Stations registered nationally"), new("覆盖率", "Coverage"), new("在册个案", "Open cases"),
        new("逾期未走访", "Overdue visits"), new("本月新提需求", "Needs raised"), new("本月对接", "Needs matched"),
        new("当前等待对接", "Needs waiting now"), new("对接用时中位数（小时）", "Median hours to match"),
        new("对接用时第90百分位（小时）", "90th percentile hours to match"),
    ];

    private static readonly ReportColumn[] BreakdownColumns =
        [new("区县", "District"), new("维度", "Dimension"), new("类别", "Category"), new("数量", "Count")];

    private static readonly LocalText ByGroup = new("在册个案：服务对象类别", "Open cases by client group");
    private static readonly LocalText ByCategory = new("在册个案：困境类别", "Open cases by category");
    private static readonly LocalText ByRisk = new("在册个案：风险等级", "Open cases by risk level");
    private static readonly LocalText NeedsByCategory = new("本月新提需求：类别", "Needs raised by category");
    private static readonly LocalText Unassessed = new("未评估", "Unassessed");

    public static IReadOnlyList<ReportSheet> Of(CityStatistics statistics, TextCatalogues texts, ReaderLanguage language)
    {
        var all = statistics.Districts.Append(statistics.Total).ToList();
        var districts = all.Select(d => (IReadOnlyList<object?>)
        [
            d.DistrictCode == CityStatistics.TotalCode ? null : d.DistrictCode, d.DistrictName, d.Townships, d.Stations,
            d.StationsRegistered, d.Coverage, d.OpenCases, d.OverdueVisits, d.Needs.Raised, d.Needs.Matched, d.Needs.WaitingNow,
            d.Needs.MedianHoursToMatch, d.Needs.P90HoursToMatch,
        ]).ToList();
        var breakdown = all.SelectMany(d =>
            Rows(d, ByGroup, d.OpenCasesByClientGroup, k => Name<ClientGroup>(k, texts, language), language)
                .Concat(Rows(d, ByCategory, d.OpenCasesByCategory, k => Name<ClientCategory>(k, texts, language), language))
                .Concat(Rows(d, ByRisk, d.OpenCasesByRiskLevel,
                    k => k == StationDashboard.Unassessed ? Unassessed.In(language) : Name<RiskLevel>(k, texts, language), language))
                .Concat(Rows(d, NeedsByCategory, d.Needs.RaisedByCategory, k => Name<NeedCategory>(k, texts, language), language)))
            .ToList();
        return [new ReportSheet(DistrictsSheet, DistrictColumns, districts), new ReportSheet(BreakdownSheet, BreakdownColumns, breakdown)];
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(
        DistrictStatistics district, LocalText dimension, IReadOnlyDictionary<string, int> counts, Func<string, string> name, ReaderLanguage language) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (IReadOnlyList<object?>)[district.DistrictName, dimension.In(language), name(c.Key), c.Value]);

    private static string Name<T>(string key, TextCatalogues texts, ReaderLanguage language) where T : struct, Enum =>
        Enum.TryParse<T>(key, out var value) ? texts.Name(value, language) : key;
}
