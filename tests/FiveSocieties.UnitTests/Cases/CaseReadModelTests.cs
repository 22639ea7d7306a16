using FiveSocieties.Cases.Caseloads;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Cases.OpenNeeds;
using FiveSocieties.Cases.OverdueVisits;
using FiveSocieties.Contracts.V1;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>The pure orderings and counts behind the caseload, open needs, overdue visits and dashboard.</summary>
public sealed class CaseReadModelTests
{
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Guid Caseworker = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static CaseNeed Need(NeedCategory category, NeedStatus status = NeedStatus.Open, DateTimeOffset? raisedAt = null) =>
        new(Guid.NewGuid(), category, Urgency.Soon, Recurrence.Daily, 1, DateOnly.FromDateTime(Now.UtcDateTime), null, status,
            raisedAt ?? Now.AddDays(-1));

    /// <summary>A case as its events would have made it; a weekly plan adopted at <paramref name="planAdoptedAt"/> makes it Active.</summary>
    private static Case ACase(
        RiskLevel? risk = null, ClientGroup group = ClientGroup.Elderly, ClientCategory[]? categories = null, CaseNeed[]? needs = null,
        DateTimeOffset? openedAt = null, DateTimeOffset? closedAt = null, DateTimeOffset? planAdoptedAt = null)
    {
        var plan = planAdoptedAt is { } adopted
            ? new ServicePlan(Guid.NewGuid(), ["company"], ["visits"], VisitFrequency.Weekly, new DateOnly(2027, 6, 1),
                ServicePlanStatus.Adopted, Caseworker, adopted, ApprovedBy: Guid.NewGuid(), AdoptedAt: adopted)
            : null;
        var status = closedAt is not null ? CaseStatus.Closed : plan is not null ? CaseStatus.Active : CaseStatus.Open;
        return new Case(Guid.NewGuid(), Station, Caseworker, group, categories ?? [ClientCategory.LivesAlone],
            new CaseLocation("广灵县", "壶泉镇", "HQ-1"), status, openedAt ?? Now.AddDays(-60), needs ?? [], closedAt, 1)
        {
            RiskLevel = risk, AbilityLevel = risk is null ? null : 1, AdoptedPlan = plan,
        };
    }

    /// <summary>The caseload's columns of a case, as the case table stores them.</summary>
    private static CaseloadRow Row(Case c) =>
        new(c.Id, c.Status, c.ClientGroup, c.Categories, c.RiskLevel, c.AbilityLevel,
            c.LiveNeedCategories.Select(Enum.Parse<NeedCategory>).ToList(), c.NextVisitDueAt, c.SafetyCheckRequired);

    private static CaseloadEntry Entry(bool overdue, RiskLevel? risk, DateTimeOffset? due) =>
        new(Guid.NewGuid(), CaseStatus.Active, ClientGroup.Elderly, [], risk, null, 0, [], due, overdue);

    [Fact]
    public void The_caseload_puts_overdue_first_then_risk_high_to_low_then_the_visit_due_soonest()
    {
        var lowOverdue = Entry(true, RiskLevel.Low, Now.AddDays(-1));
        var highSoon = Entry(false, RiskLevel.High, Now.AddDays(1));
        var highLater = Entry(false, RiskLevel.High, Now.AddDays(5));
        var highNoPlan = Entry(false, RiskLevel.High, null);
        var medium = Entry(false, RiskLevel.Medium, Now.AddDays(1));
        var low = Entry(false, RiskLevel.Low, Now.AddDays(1));
        var unassessed = Entry(false, null, Now.AddDays(1));

        Caseload.MostUrgentFirst([unassessed, low, highNoPlan, medium, highLater, lowOverdue, highSoon])
            .ShouldBe([lowOverdue, highSoon, highLater, highNoPlan, medium, low, unassessed]);
    }

    [Fact]
    public void A_caseload_leaves_out_closed_cases_and_counts_only_live_needs()
    {
        var active = ACase(RiskLevel.Medium, needs: [Need(NeedCategory.MealDelivery), Need(NeedCategory.Companionship, NeedStatus.Matched),
            Need(NeedCategory.HomeCleaning, NeedStatus.Withdrawn)], planAdoptedAt: Now.AddDays(-8));
        var closed = ACase(RiskLevel.High, closedAt: Now.AddDays(-2));

        var caseload = Caseload.Of(Caseworker, [Row(closed), Row(active)], Now);

        var entry = caseload.Cases.ShouldHaveSingleItem();
        entry.CaseId.ShouldBe(active.Id);
        entry.OpenNeeds.ShouldBe(2);
        entry.OpenNeedCategories.ShouldBe([NeedCategory.MealDelivery, NeedCategory.Companionship]);
        entry.NextVisitDue.ShouldBe(Now.AddDays(-1));
        entry.VisitOverdue.ShouldBeTrue();
    }

    [Fact]
    public void Open_needs_are_the_live_ones_oldest_first_and_narrow_to_a_category()
    {
        var oldest = Need(NeedCategory.MealDelivery, raisedAt: Now.AddDays(-9));
        var matched = Need(NeedCategory.Escort, NeedStatus.Matched, Now.AddDays(-5));
        var newest = Need(NeedCategory.MealDelivery, raisedAt: Now.AddDays(-1));
        var cases = new[]
        {
            ACase(needs: [newest, Need(NeedCategory.Goods, NeedStatus.Fulfilled, Now.AddDays(-20))]),
            ACase(needs: [matched, oldest, Need(NeedCategory.Tutoring, NeedStatus.Withdrawn, Now.AddDays(-30))]),
        };

        StationOpenNeed.Of(cases).Select(n => n.NeedId).ShouldBe([oldest.Id, matched.Id, newest.Id]);
        StationOpenNeed.Of(cases, NeedCategory.MealDelivery).Select(n => n.NeedId).ShouldBe([oldest.Id, newest.Id]);
    }

    [Fact]
    public void Overdue_visits_count_whole_days_past_due_longest_first_and_a_visit_due_now_is_not_overdue()
    {
        var tenDays = ACase(planAdoptedAt: Now.AddDays(-17));
        var hours = ACase(planAdoptedAt: Now.AddDays(-7).AddHours(-3));
        var dueNow = ACase(planAdoptedAt: Now.AddDays(-7));
        var noPlan = ACase();

        var overdue = OverdueVisit.Of([hours, dueNow, noPlan, tenDays], Now);

        overdue.Select(v => (v.CaseId, v.DaysOverdue)).ShouldBe([(tenDays.Id, 10), (hours.Id, 0)]);
        overdue[0].NextVisitDue.ShouldBe(Now.AddDays(-10));
    }

    [Fact]
    public void The_dashboard_lists_every_group_category_risk_and_need_category_with_zero_for_none()
    {
        var counts = new StationCounts(3, new() { ["Elderly"] = 2, ["Child"] = 1 }, new() { ["LivesAlone"] = 2 }, null,
            new() { ["Tutoring"] = 1 }, 1, 3, 1, 2, 1);

        var dashboard = StationDashboard.From(Station, counts, Now);

        dashboard.OpenCases.ShouldBe(3);
        dashboard.OpenCasesByClientGroup.ShouldBe(new Dictionary<string, int> { ["Elderly"] = 2, ["Child"] = 1 });
        dashboard.OpenCasesByCategory.Keys.ShouldBe(Enum.GetNames<ClientCategory>());
        dashboard.OpenCasesByCategory["LivesAlone"].ShouldBe(2);
        dashboard.OpenCasesByCategory["Disabled"].ShouldBe(0);
        dashboard.OpenCasesByRiskLevel.ShouldBe(new Dictionary<string, int> { ["Low"] = 0, ["Medium"] = 0, ["High"] = 0, ["Unassessed"] = 0 });
        dashboard.OpenNeedsByCategory.Keys.ShouldBe(Enum.GetNames<NeedCategory>());
        dashboard.OpenNeedsByCategory["Tutoring"].ShouldBe(1);
        (dashboard.OverdueVisits, dashboard.CasesOpenedLast30Days, dashboard.CasesClosedLast30Days,
            dashboard.MissedDeliveriesLast7Days, dashboard.SafetyChecksRequired).ShouldBe((1, 3, 1, 2, 1));
    }
}
