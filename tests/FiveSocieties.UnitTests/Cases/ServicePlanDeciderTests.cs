using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>A service plan: proposed by the caseworker, adopted or sent back by the supervisor.</summary>
public sealed class ServicePlanDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();

    private static ProposeServicePlan Propose(
        IReadOnlyList<string>? goals = null, VisitFrequency frequency = VisitFrequency.Monthly, DateOnly? review = null) =>
        new(CaseId, Guid.NewGuid(), goals ?? ["每日有热饭 a hot meal every day"], ["长者食堂送餐"], frequency,
            review ?? Today.AddMonths(6), Caseworker, Now);

    private static readonly ApproveServicePlan Approve = new(CaseId, Supervisor, Now.AddHours(2));

    private static object[] Proposed(VisitFrequency frequency = VisitFrequency.Monthly) =>
        With(Opened(CaseId), s => CaseDecider.Decide(s, Propose(frequency: frequency), Calendar));

    [Fact]
    public void A_proposal_waits_for_the_supervisor_and_the_case_stays_open()
    {
        var state = Given(Proposed());
        state.ProposedPlan!.Status.ShouldBe(ServicePlanStatus.Proposed);
        state.AdoptedPlan.ShouldBeNull();
        state.Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public void A_plan_without_goals_is_refused() =>
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened(CaseId)), Propose(goals: []), Calendar))
            .Code.ShouldBe("plan.no-goals");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_review_date_that_is_not_after_today_is_refused(int days) =>
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened(CaseId)), Propose(review: Today.AddDays(days)), Calendar))
            .Code.ShouldBe("plan.review-date-not-future");

    [Fact]
    public void A_closed_case_takes_no_plan()
    {
        var closed = With(Opened(CaseId), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(closed), Propose(), Calendar)).Code.ShouldBe("plan.case-closed");
    }

    [Fact]
    public void Approving_adopts_the_proposal_and_makes_the_case_active()
    {
        var adopted = CaseDecider.Decide(Given(Proposed()), Approve).ShouldHaveSingleItem().ShouldBeOfType<ServicePlanAdopted>();
        adopted.ApprovedBy.ShouldBe(Supervisor);

        var state = Given([.. Proposed(), adopted]);
        state.Status.ShouldBe(CaseStatus.Active);
        state.ProposedPlan.ShouldBeNull();
        state.AdoptedPlan!.Status.ShouldBe(ServicePlanStatus.Adopted);
        state.AdoptedPlan.AdoptedAt.ShouldBe(Approve.At);
        state.AdoptedPlan.Goals.ShouldBe(["每日有热饭 a hot meal every day"]);
    }

    [Fact]
    public void Approving_or_sending_back_with_nothing_proposed_is_refused()
    {
        var opened = Given(Opened(CaseId));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(opened, Approve)).Code.ShouldBe("plan.nothing-proposed");
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(opened, new SendBackServicePlan(CaseId, "x", Supervisor, Now)))
            .Code.ShouldBe("plan.nothing-proposed");

        var adopted = With(Proposed(), s => CaseDecider.Decide(s, Approve));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(adopted), Approve)).Code.ShouldBe("plan.nothing-proposed");
    }

    [Fact]
    public void Sending_back_returns_the_proposal_to_draft_with_the_reason_and_it_cannot_be_approved_until_proposed_again()
    {
        var sentBack = With(Proposed(), s => CaseDecider.Decide(s, new SendBackServicePlan(CaseId, "add a counselling goal", Supervisor, Now)));
        var state = Given(sentBack);
        state.ProposedPlan!.Status.ShouldBe(ServicePlanStatus.Draft);
        state.ProposedPlan.SentBackReason.ShouldBe("add a counselling goal");
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(state, Approve)).Code.ShouldBe("plan.nothing-proposed");

        var again = With(sentBack, s => CaseDecider.Decide(s, Propose(goals: ["a hot meal", "counselling"]), Calendar));
        Given(again).ProposedPlan!.Status.ShouldBe(ServicePlanStatus.Proposed);
        CaseDecider.Decide(Given(again), Approve).ShouldHaveSingleItem().ShouldBeOfType<ServicePlanAdopted>();
    }

    [Fact]
    public void A_new_proposal_replaces_the_pending_one_and_the_adopted_plan_stays_in_force_until_another_is_adopted()
    {
        var adopted = With(Proposed(VisitFrequency.Monthly), s => CaseDecider.Decide(s, Approve));
        var replaced = With(adopted, s => CaseDecider.Decide(s, Propose(frequency: VisitFrequency.Weekly), Calendar));
        var state = Given(replaced);
        state.AdoptedPlan!.VisitFrequency.ShouldBe(VisitFrequency.Monthly);
        state.ProposedPlan!.VisitFrequency.ShouldBe(VisitFrequency.Weekly);

        var newer = With(replaced, s => CaseDecider.Decide(s, Propose(frequency: VisitFrequency.Quarterly), Calendar));
        var adoptedAgain = Given(With(newer, s => CaseDecider.Decide(s, Approve)));
        adoptedAgain.AdoptedPlan!.VisitFrequency.ShouldBe(VisitFrequency.Quarterly);
        adoptedAgain.Status.ShouldBe(CaseStatus.Active);
    }

    [Fact]
    public void Proposing_again_with_the_same_plan_id_changes_nothing_and_with_other_details_is_refused()
    {
        var proposal = Propose();
        var history = With(Opened(CaseId), s => CaseDecider.Decide(s, proposal, Calendar));

        CaseDecider.Decide(Given(history), proposal, Calendar).ShouldBeEmpty();
        var adopted = With(history, s => CaseDecider.Decide(s, Approve));
        CaseDecider.Decide(Given(adopted), proposal, Calendar).ShouldBeEmpty("the adopted plan is the one proposed");
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(history), proposal with { Goals = ["另一个目标 another goal"] }, Calendar))
            .Code.ShouldBe("plan.id-taken");
    }
}
