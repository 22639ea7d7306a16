using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Home visits, and when the next one falls due.</summary>
public sealed class VisitDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly DateTimeOffset AdoptedAt = Now.AddDays(-10);

    private static RecordVisit Visit(DateTimeOffset visitedAt, Guid? id = null, string observations = "精神好, fridge stocked") =>
        new(CaseId, id ?? Guid.NewGuid(), visitedAt, observations, false, Caseworker, VisitorRole.Caseworker, Now);

    private static object[] Active(VisitFrequency frequency)
    {
        var proposed = With(Opened(CaseId), s => CaseDecider.Decide(s,
            new ProposeServicePlan(CaseId, Guid.NewGuid(), ["companionship"], [], frequency, Today.AddMonths(6), Caseworker, AdoptedAt), Calendar));
        return With(proposed, s => CaseDecider.Decide(s, new ApproveServicePlan(CaseId, Supervisor, AdoptedAt)));
    }

    [Fact]
    public void A_visit_records_who_went_and_sets_the_last_visit()
    {
        var visitedAt = Now.AddHours(-3);
        var recorded = CaseDecider.Decide(Given(Opened(CaseId)), Visit(visitedAt)).ShouldHaveSingleItem().ShouldBeOfType<VisitRecorded>();
        recorded.VisitedBy.ShouldBe(Caseworker);
        recorded.VisitorRole.ShouldBe(VisitorRole.Caseworker);
        recorded.RecordedAt.ShouldBe(Now);
        Given([.. Opened(CaseId), recorded]).LastVisitAt.ShouldBe(visitedAt);
    }

    [Fact]
    public void A_visit_in_the_future_is_refused_beyond_a_few_minutes_of_clock_drift()
    {
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened(CaseId)), Visit(Now.AddHours(1))))
            .Code.ShouldBe("visit.in-future");
        CaseDecider.Decide(Given(Opened(CaseId)), Visit(Now.AddMinutes(2))).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_visit_on_a_closed_case_is_refused()
    {
        var closed = With(Opened(CaseId), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(closed), Visit(Now))).Code.ShouldBe("visit.case-closed");
    }

    [Fact]
    public void A_visit_recorded_late_does_not_move_the_last_visit_back()
    {
        var recent = With(Opened(CaseId), s => CaseDecider.Decide(s, Visit(Now.AddDays(-1))));
        var older = With(recent, s => CaseDecider.Decide(s, Visit(Now.AddDays(-5))));
        var state = Given(older);
        state.Visits.Count.ShouldBe(2);
        state.LastVisitAt.ShouldBe(Now.AddDays(-1));
    }

    [Fact]
    public void Recording_the_same_visit_again_changes_nothing_but_other_details_under_its_id_are_refused()
    {
        var id = Guid.NewGuid();
        var history = With(Opened(CaseId), s => CaseDecider.Decide(s, Visit(Now.AddHours(-1), id)));
        CaseDecider.Decide(Given(history), Visit(Now.AddHours(-1), id)).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(history), Visit(Now.AddHours(-1), id, "other")))
            .Code.ShouldBe("visit.id-taken");
    }

    [Fact]
    public void No_visit_is_due_without_an_adopted_plan()
    {
        var visited = With(Opened(CaseId), s => CaseDecider.Decide(s, Visit(Now)));
        VisitSchedule.NextVisitDue(Given(visited)).ShouldBeNull();
        VisitSchedule.IsOverdue(Given(visited), Now.AddYears(1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(VisitFrequency.Weekly, 7)]
    [InlineData(VisitFrequency.Fortnightly, 14)]
    [InlineData(VisitFrequency.Monthly, 30)]
    [InlineData(VisitFrequency.Quarterly, 91)]
    public void Without_a_visit_the_next_is_due_one_period_after_the_plan_was_adopted(VisitFrequency frequency, int days)
    {
        var due = VisitSchedule.NextVisitDue(Given(Active(frequency)));
        // 2026-11-19 + one month is 2026-12-19 (30 days), + three months 2027-02-19 (92 days).
        var expected = frequency switch
        {
            VisitFrequency.Monthly => AdoptedAt.AddMonths(1),
            VisitFrequency.Quarterly => AdoptedAt.AddMonths(3),
            _ => AdoptedAt.AddDays(days),
        };
        due.ShouldBe(expected);
        (due!.Value - AdoptedAt).TotalDays.ShouldBeInRange(days, days + 1);
    }

    [Fact]
    public void A_visit_starts_the_period_again_and_overdue_follows_the_clock()
    {
        var visitedAt = AdoptedAt.AddDays(3);
        var state = Given(With(Active(VisitFrequency.Weekly), s => CaseDecider.Decide(s, Visit(visitedAt))));
        VisitSchedule.NextVisitDue(state).ShouldBe(visitedAt.AddDays(7));
        VisitSchedule.IsOverdue(state, visitedAt.AddDays(7)).ShouldBeFalse();
        VisitSchedule.IsOverdue(state, visitedAt.AddDays(7).AddMinutes(1)).ShouldBeTrue();
    }

    [Fact]
    public void A_visit_before_the_plan_was_adopted_does_not_start_its_rhythm()
    {
        var visitedEarly = With(Opened(CaseId), s => CaseDecider.Decide(s, Visit(AdoptedAt.AddDays(-20))));
        var proposed = With(visitedEarly, s => CaseDecider.Decide(s,
            new ProposeServicePlan(CaseId, Guid.NewGuid(), ["meals"], [], VisitFrequency.Weekly, Today.AddMonths(1), Caseworker, AdoptedAt), Calendar));
        var adopted = Given(With(proposed, s => CaseDecider.Decide(s, new ApproveServicePlan(CaseId, Supervisor, AdoptedAt))));
        VisitSchedule.NextVisitDue(adopted).ShouldBe(AdoptedAt.AddDays(7));
    }

    [Fact]
    public void A_closed_case_has_no_visit_due()
    {
        var closed = With(Active(VisitFrequency.Weekly), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        VisitSchedule.NextVisitDue(Given(closed)).ShouldBeNull();
    }
}
