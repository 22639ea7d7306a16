using FiveSocieties.BuildingBlocks.Reports;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Reports;

/// <summary>
/// The ledger as the bureau's spreadsheet shows it: a sheet of totals and, for the station's staff, a
/// sheet per client, by case id where the client consented to Reporting and anonymously otherwise.
/// </summary>
public static class LedgerSheets
{
    public static readonly LocalText FileName = new("服务台账", "service-ledger");

    private static readonly LocalText TotalsSheet = new("月度汇总", "Month totals");
    private static readonly LocalText ClientsSheet = new("服务对象明细", "Per client");

    private static readonly ReportColumn Item = new("项目", "Item");
    private static readonly ReportColumn Count = new("数量", "Count");

    private static readonly ReportColumn[] ClientColumns =
    [
        new("个案编号", "Case id"), new("服务对象类别", "Client group"), new("社工走访", "Caseworker visits"),
        new("志愿者探访", "Volunteer visits"), new("送餐完成", "Meals delivered"), new("送餐未达", "Meals missed"),
        new("取消送餐", "Meals skipped"), new("参加活动", "Activities attended"), new("转介已接受", "Referrals accepted"),
        new("转介已完成", "Referrals completed"), new("新提需求", "Needs raised"),
    ];

    private static readonly Dictionary<string, LocalText> Stages = new(StringComparer.Ordinal)
    {
        [nameof(ReferralStage.Proposed)] = new("转介：已推荐", "Referrals: proposed"),
        [nameof(ReferralStage.Approved)] = new("转介：已批准", "Referrals: approved"),
        [nameof(ReferralStage.Accepted)] = new("转介：已接受", "Referrals: accepted"),
        [nameof(ReferralStage.Declined)] = new("转介：被拒绝", "Referrals: declined"),
        [nameof(ReferralStage.Expired)] = new("转介：已过期", "Referrals: expired"),
        [nameof(ReferralStage.Completed)] = new("转介：已完成", "Referrals: completed"),
        [nameof(ReferralStage.Cancelled)] = new("转介：已取消", "Referrals: cancelled"),
    };

    private static readonly LocalText[] TotalItems =
    [
        new("社工站", "Station"), new("月份", "Month"), new("服务对象（人）", "Clients served"),
        new("社工走访", "Caseworker visits"), new("志愿者探访", "Volunteer visits"), new("送餐完成", "Meals delivered"),
        new("送餐未达", "Meals missed"), new("取消送餐", "Meals skipped"), new("开展活动（场）", "Activities held"),
        new("活动签到（人次）", "Activity attendances"), new("新提需求", "Needs raised"), new("需求已对接", "Needs matched"),
        new("其中未授权上报、匿名计数（人）", "Of which counted anonymously (no Reporting consent)"),
    ];

    /// <summary>In place of the case id of a client who has not consented to Reporting: the file leaves the station.</summary>
    public static readonly LocalText Anonymous = new("匿名（未授权上报）", "anonymous (no Reporting consent)");

    public static IReadOnlyList<ReportSheet> Of(StationLedger ledger, TextCatalogues texts, ReaderLanguage language)
    {
        var t = ledger.Totals;
        object?[] values =
        [
            ledger.StationName, ledger.Month, t.ClientsServed, t.CaseworkerVisits, t.VolunteerVisits, t.MealsDelivered, t.MealsMissed,
            t.MealsSkipped, t.ActivitiesHeld, t.ActivityAttendances, t.NeedsRaised, t.NeedsMatched, t.ClientsWithoutReportingConsent,
        ];
        var totals = TotalItems.Zip(values, (item, value) => (IReadOnlyList<object?>)[item.In(language), value])
            .Concat(t.ReferralsByStage.Select(s => (IReadOnlyList<object?>)[Stages[s.Key].In(language), s.Value]))
            .ToList();
        var sheets = new List<ReportSheet> { new(TotalsSheet, [Item, Count], totals) };
        if (!ledger.ListsClients) return sheets;

        var rows = ledger.Clients.Select(r => (IReadOnlyList<object?>)
            [
                r.ReportingConsent ? r.CaseId.ToString() : Anonymous.In(language),
                Enum.TryParse<ClientGroup>(r.ClientGroup, out var group) ? texts.Name(group, language) : r.ClientGroup,
                r.CaseworkerVisits, r.VolunteerVisits, r.MealsDelivered,
                r.MealsMissed, r.MealsSkipped, r.ActivitiesAttended, r.ReferralsAccepted, r.ReferralsCompleted, r.NeedsRaised,
            ])
            .Append(
            [
                ReportFile.Total.In(language), null, t.CaseworkerVisits, t.VolunteerVisits, t.MealsDelivered, t.MealsMissed, t.MealsSkipped,
                t.ActivityAttendances, ledger.Clients.Sum(r => r.ReferralsAccepted), ledger.Clients.Sum(r => r.ReferralsCompleted), t.NeedsRaised,
            ])
            .ToList();
        sheets.Add(new ReportSheet(ClientsSheet, ClientColumns, rows));
        return sheets;
    }
}
