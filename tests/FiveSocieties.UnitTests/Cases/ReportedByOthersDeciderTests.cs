using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using CaseOpened = FiveSocieties.Cases.Cases.CaseOpened;
using NeedRaised = FiveSocieties.Cases.Cases.NeedRaised;
using NeedFulfilled = FiveSocieties.Cases.Cases.NeedFulfilled;
using MealSkipsNoticed = FiveSocieties.Cases.Cases.MealSkipsNoticed;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a case, when Matching or Volunteers report something, then the timeline event and its effect on the need or the visits.</summary>
public sealed class ReportedByOthersDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid NeedId = Guid.NewGuid();
    private static readonly Guid Referral = Guid.NewGuid();

    private static object[] WithNeed() => With(Opened(CaseId), s => CaseDecider.Decide(s, new RaiseNeed(CaseId, NeedId, NeedCategory.MealDelivery,
        Urgency.Urgent, Recurrence.Daily, 1, Today, null, Caseworker, Now)));

    private static ReportReferral Report(ReferralStage stage, Guid? referral = null, ReferralOutcome? outcome = null) =>
        new(new ReferralReported(CaseId, NeedId, referral ?? Referral, stage, Guid.NewGuid(), Guid.NewGuid(), Now, outcome));

    private static object[] Reported(object[] history, params ReportReferral[] reports)
    {
        foreach (var r in reports) history = With(history, s => CaseDecider.Decide(s, r));
        return history;
    }

    private static NeedStatus NeedStatusAfter(object[] history) => Given(history).Needs.Single().Status;

    [Fact]
    public void Proposal_and_approval_go_on_the_timeline_and_leave_the_need_open()
    {
        var events = CaseDecider.Decide(Given(WithNeed()), Report(ReferralStage.Proposed));
        events.ShouldHaveSingleItem().ShouldBeOfType<ReferralReported>().Stage.ShouldBe(ReferralStage.Proposed);
        NeedStatusAfter(Reported(WithNeed(), Report(ReferralStage.Proposed), Report(ReferralStage.Approved))).ShouldBe(NeedStatus.Open);
    }

    [Fact]
    public void Acceptance_matches_the_need_and_a_decline_or_expiry_afterwards_opens_it_again()
    {
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        NeedStatusAfter(accepted).ShouldBe(NeedStatus.Matched);
        Given(accepted).Needs.Single().ReferralId.ShouldBe(Referral);
        CaseDecider.Decide(Given(accepted), Report(ReferralStage.Declined))[1].ShouldBeOfType<NeedReopened>();
        NeedStatusAfter(Reported(accepted, Report(ReferralStage.Expired))).ShouldBe(NeedStatus.Open);
    }

    [Fact]
    public void A_decline_of_another_referral_or_before_acceptance_changes_no_need()
    {
        CaseDecider.Decide(Given(WithNeed()), Report(ReferralStage.Declined)).ShouldHaveSingleItem().ShouldBeOfType<ReferralReported>();
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        CaseDecider.Decide(Given(accepted), Report(ReferralStage.Declined, Guid.NewGuid())).ShouldHaveSingleItem();
        NeedStatusAfter(Reported(accepted, Report(ReferralStage.Declined, Guid.NewGuid()))).ShouldBe(NeedStatus.Matched);
    }

    private static ReportReferral Cancelled(ReferralCancelCause cause, Guid? referral = null) =>
        new(new ReferralReported(CaseId, NeedId, referral ?? Referral, ReferralStage.Cancelled, Guid.NewGuid(), Guid.NewGuid(), Now,
            CancelCause: cause, CancelledAt: ReferralStep.Accepted));

    [Theory]
    [InlineData(ReferralCancelCause.OfferWithdrawn)]
    [InlineData(ReferralCancelCause.OfferExpired)]
    public void A_cancellation_because_the_offer_went_away_opens_the_matched_need_again(ReferralCancelCause cause)
    {
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        var events = CaseDecider.Decide(Given(accepted), Cancelled(cause));
        events[0].ShouldBeOfType<ReferralReported>().CancelCause.ShouldBe(cause);
        events[1].ShouldBeOfType<NeedReopened>().Cause.ShouldBe(ReferralStage.Cancelled);
        var reopened = Given(Reported(accepted, Cancelled(cause))).Needs.Single();
        reopened.Status.ShouldBe(NeedStatus.Open);
        reopened.ReferralId.ShouldBeNull();
    }

    [Theory]
    [InlineData(ReferralCancelCause.NeedWithdrawn)]
    [InlineData(ReferralCancelCause.CaseClosed)]
    public void A_cancellation_for_a_withdrawn_need_or_closed_case_is_only_recorded(ReferralCancelCause cause)
    {
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        var withdrawn = With(accepted, s => CaseDecider.Decide(s, new WithdrawNeed(CaseId, NeedId, "moved in with her daughter", Caseworker, Now)));
        CaseDecider.Decide(Given(withdrawn), Cancelled(cause)).ShouldHaveSingleItem().ShouldBeOfType<ReferralReported>().CancelCause.ShouldBe(cause);
        NeedStatusAfter(Reported(withdrawn, Cancelled(cause))).ShouldBe(NeedStatus.Withdrawn);
        // Even were the need still matched, a cancellation Cases itself caused never reopens it.
        CaseDecider.Decide(Given(accepted), Cancelled(cause)).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_cancellation_of_another_referral_or_before_acceptance_changes_no_need()
    {
        CaseDecider.Decide(Given(WithNeed()), Cancelled(ReferralCancelCause.OfferWithdrawn)).ShouldHaveSingleItem().ShouldBeOfType<ReferralReported>();
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        NeedStatusAfter(Reported(accepted, Cancelled(ReferralCancelCause.OfferWithdrawn, Guid.NewGuid()))).ShouldBe(NeedStatus.Matched);
    }

    [Fact]
    public void Completion_fulfils_the_need_unless_the_need_was_not_met()
    {
        var accepted = Reported(WithNeed(), Report(ReferralStage.Accepted));
        var fulfilled = CaseDecider.Decide(Given(accepted), Report(ReferralStage.Completed, outcome: ReferralOutcome.Fulfilled));
        fulfilled[1].ShouldBeOfType<NeedFulfilled>().ReferralId.ShouldBe(Referral);
        NeedStatusAfter(Reported(accepted, Report(ReferralStage.Completed, outcome: ReferralOutcome.NotFulfilled))).ShouldBe(NeedStatus.Open);
        var done = Reported(accepted, Report(ReferralStage.Completed, outcome: ReferralOutcome.Fulfilled));
        CaseDecider.Decide(Given(done), Report(ReferralStage.Completed)).ShouldHaveSingleItem("fulfilled once");
    }

    [Fact]
    public void A_report_on_a_closed_case_is_still_history_but_moves_no_need()
    {
        var closed = Reported(With(WithNeed(), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now))));
        CaseDecider.Decide(Given(closed), Report(ReferralStage.Accepted)).ShouldHaveSingleItem().ShouldBeOfType<ReferralReported>();
    }

    private static ReportDeliveryMissed Missed(bool livesAlone, DateTimeOffset at) =>
        new(CaseId, Guid.NewGuid(), Guid.NewGuid(), DateOnly.FromDateTime(at.UtcDateTime), MissReason.NoAnswerAtDoor, livesAlone, at);

    private static RecordVisit Visit(VisitorRole role, DateTimeOffset at) =>
        new(CaseId, Guid.NewGuid(), at, "all well", false, Guid.NewGuid(), role, at);

    [Fact]
    public void A_missed_meal_for_someone_who_lives_alone_needs_a_caseworker_s_visit()
    {
        // The opened case is LivesAlone: the case's own category counts even if the report says otherwise.
        var missed = With(Opened(CaseId), s => CaseDecider.Decide(s, Missed(false, Now)));
        var state = Given(missed);
        state.SafetyCheckRequired.ShouldBeTrue();
        state.MissedDeliveries.ShouldHaveSingleItem();

        Given(With(missed, s => CaseDecider.Decide(s, Visit(VisitorRole.Volunteer, Now.AddHours(1))))).SafetyCheckRequired.ShouldBeTrue();
        Given(With(missed, s => CaseDecider.Decide(s, Visit(VisitorRole.Caseworker, Now.AddHours(-1))))).SafetyCheckRequired
            .ShouldBeTrue("a visit before the missed meal answers nothing");
        Given(With(missed, s => CaseDecider.Decide(s, Visit(VisitorRole.Caseworker, Now.AddHours(2))))).SafetyCheckRequired.ShouldBeFalse();
    }

    [Fact]
    public void A_missed_meal_for_someone_not_alone_is_history_only()
    {
        var child = Opened(CaseId, ClientGroup.Child);
        Given(With(child, s => CaseDecider.Decide(s, Missed(false, Now)))).SafetyCheckRequired.ShouldBeFalse();
        Given(With(child, s => CaseDecider.Decide(s, Missed(true, Now)))).SafetyCheckRequired.ShouldBeTrue("Volunteers knows she lives alone");
    }

    private static ReportDeliverySkipped Skipped(int day, Guid? delivery = null) =>
        new(CaseId, delivery ?? Guid.NewGuid(), Today.AddDays(day), Now.AddDays(day - 1).AddHours(11));

    private static ReportDeliveryCompleted Taken(int day) => new(new DeliveryCompletedReported(CaseId, Guid.NewGuid(), Guid.NewGuid(),
        Today.AddDays(day), Wellbeing.Fine, null, Now.AddDays(day).AddHours(3)));

    private static object[] Skips(object[] history, params int[] days)
    {
        foreach (var day in days) history = With(history, s => CaseDecider.Decide(s, Skipped(day)));
        return history;
    }

    [Fact]
    public void The_third_meal_skipped_in_a_row_signals_the_caseworker_once()
    {
        var two = Skips(Opened(CaseId), 1, 2);
        Given(two).MealSkipsNoticedAt.ShouldBeNull();
        Given(two).MealsSkippedInARow.ShouldBe([Today.AddDays(1), Today.AddDays(2)]);

        var third = CaseDecider.Decide(Given(two), Skipped(4));
        third.Count.ShouldBe(2);
        var noticed = third[1].ShouldBeOfType<MealSkipsNoticed>();
        noticed.Dates.ShouldBe([Today.AddDays(1), Today.AddDays(2), Today.AddDays(4)], "meals are not every day: a run is of meals, not of days");
        noticed.StationId.ShouldBe(Given(two).StationId);

        var fourth = CaseDecider.Decide(Given(Skips(two, 4)), Skipped(5));
        fourth.ShouldHaveSingleItem().ShouldBeOfType<DeliverySkippedReported>("one signal per run");
    }

    [Fact]
    public void A_meal_taken_breaks_the_run_and_ends_the_signal()
    {
        Given(Skips(With(Skips(Opened(CaseId), 1, 2), s => CaseDecider.Decide(s, Taken(3))), 4)).MealsSkippedInARow
            .ShouldBe([Today.AddDays(4)]);
        CaseDecider.Decide(Given(With(Skips(Opened(CaseId), 1, 2), s => CaseDecider.Decide(s, Taken(3)))), Skipped(4))
            .ShouldHaveSingleItem("the meal on day 3 broke the run");

        var signalled = Skips(Opened(CaseId), 1, 2, 3);
        Given(signalled).MealSkipsNoticedAt.ShouldNotBeNull();
        var eating = Given(With(signalled, s => CaseDecider.Decide(s, Taken(5))));
        eating.MealSkipsNoticedAt.ShouldBeNull();
        eating.MealsSkippedInARow.ShouldBeEmpty();
        Given(With(signalled, s => CaseDecider.Decide(s, Taken(0)))).MealSkipsNoticedAt
            .ShouldNotBeNull("a meal before the skips, reported late, answers nothing");
    }

    [Fact]
    public void A_skip_reported_twice_or_late_for_a_day_before_the_last_meal_is_not_counted_again()
    {
        var delivery = Guid.NewGuid();
        var once = With(Opened(CaseId), s => CaseDecider.Decide(s, Skipped(1, delivery)));
        CaseDecider.Decide(Given(once), Skipped(1, delivery)).ShouldBeEmpty();

        var afterMeal = With(Opened(CaseId), s => CaseDecider.Decide(s, Taken(5)));
        var late = Skips(afterMeal, 2, 3, 4);
        Given(late).MealSkips.Count.ShouldBe(3, "still history on the timeline");
        Given(late).MealsSkippedInARow.ShouldBeEmpty();
        Given(late).MealSkipsNoticedAt.ShouldBeNull();
    }

    [Fact]
    public void Only_a_caseworker_s_visit_after_the_signal_answers_it_and_the_count_starts_afresh()
    {
        var signalled = Skips(Opened(CaseId), 1, 2, 3);
        var noticedAt = Given(signalled).MealSkipsNoticedAt!.Value;
        Given(With(signalled, s => CaseDecider.Decide(s, Visit(VisitorRole.Volunteer, noticedAt.AddHours(1))))).MealSkipsNoticedAt.ShouldNotBeNull();
        Given(With(signalled, s => CaseDecider.Decide(s, Visit(VisitorRole.Caseworker, noticedAt.AddHours(-1))))).MealSkipsNoticedAt.ShouldNotBeNull();
        var visited = With(signalled, s => CaseDecider.Decide(s, Visit(VisitorRole.Caseworker, noticedAt.AddHours(1))));
        Given(visited).MealSkipsNoticedAt.ShouldBeNull();
        Given(Skips(visited, 6, 7)).MealSkipsNoticedAt.ShouldBeNull();
        CaseDecider.Decide(Given(Skips(visited, 6, 7)), Skipped(8)).OfType<MealSkipsNoticed>().ShouldHaveSingleItem();
    }

    [Fact]
    public void A_delivered_meal_counts_as_a_visit()
    {
        var at = Now.AddDays(2);
        var delivered = With(Opened(CaseId), s => CaseDecider.Decide(s, new ReportDeliveryCompleted(
            new DeliveryCompletedReported(CaseId, Guid.NewGuid(), Guid.NewGuid(), DateOnly.FromDateTime(at.UtcDateTime), Wellbeing.Fine, null, at))));
        Given(delivered).LastVisitAt.ShouldBe(at);
    }

    [Fact]
    public void A_volunteer_visit_is_recorded_once()
    {
        var visit = new VisitRecorded(CaseId, Guid.NewGuid(), Now, "", false, Guid.NewGuid(), VisitorRole.Volunteer, Now);
        var visited = With(Opened(CaseId), s => CaseDecider.Decide(s, new ReportVolunteerVisit(visit)));
        Given(visited).Visits.ShouldHaveSingleItem();
        CaseDecider.Decide(Given(visited), new ReportVolunteerVisit(visit)).ShouldBeEmpty();
    }

    [Fact]
    public void An_overdue_visit_is_noticed_for_its_due_date_under_one_id()
    {
        var plan = With(Opened(CaseId), s => CaseDecider.Decide(s, new ProposeServicePlan(CaseId, Guid.NewGuid(), ["meals"], [],
            VisitFrequency.Weekly, Today.AddMonths(3), Caseworker, Now), Calendar));
        var adopted = With(plan, s => CaseDecider.Decide(s, new ApproveServicePlan(CaseId, Supervisor, Now)));
        var due = Now.AddDays(7);
        CaseDecider.NoticeOverdueVisit(Given(adopted), due).ShouldBeNull("due, not overdue");
        var notice = CaseDecider.NoticeOverdueVisit(Given(adopted), due.AddMinutes(1)).ShouldNotBeNull();
        notice.DueAt.ShouldBe(due);
        notice.CaseworkerId.ShouldBe(Caseworker);
        VisitOverdueNotice.IdFor(CaseId, due).ShouldBe(VisitOverdueNotice.IdFor(CaseId, CaseDecider.NoticeOverdueVisit(Given(adopted), due.AddDays(1))!.DueAt),
            "every later sweep names the same notice, which exists already");

        // A visit sets a new due date: a new notice, under a new id, once that passes.
        var visited = With(adopted, s => CaseDecider.Decide(s, Visit(VisitorRole.Caseworker, due.AddDays(1))));
        CaseDecider.NoticeOverdueVisit(Given(visited), due.AddDays(3)).ShouldBeNull();
        var next = CaseDecider.NoticeOverdueVisit(Given(visited), due.AddDays(9)).ShouldNotBeNull();
        next.DueAt.ShouldBe(due.AddDays(8));
        VisitOverdueNotice.IdFor(CaseId, next.DueAt).ShouldNotBe(VisitOverdueNotice.IdFor(CaseId, due));
    }
}
