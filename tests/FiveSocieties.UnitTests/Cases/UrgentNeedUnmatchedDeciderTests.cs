using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Case = FiveSocieties.Cases.Cases.Case;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a case with needs, when the wait for an offer runs out, then an alarm per urgent unmatched need, once.</summary>
public sealed class UrgentNeedUnmatchedDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid NeedId = Guid.NewGuid();
    private static readonly TimeSpan Wait = TimeSpan.FromHours(4);

    /// <summary>The need is raised at <see cref="CaseHistory.Now"/>.</summary>
    private static object[] WithNeed(Urgency urgency = Urgency.Urgent, Guid? needId = null, NeedCategory category = NeedCategory.MealDelivery,
        object[]? history = null, DateTimeOffset? at = null) =>
        With(history ?? Opened(CaseId), s => CaseDecider.Decide(s, new RaiseNeed(CaseId, needId ?? NeedId, category, urgency, Recurrence.Daily, 1,
            Today, null, Caseworker, at ?? Now)));

    private static IReadOnlyList<object> NoticeAt(object[] history, DateTimeOffset at) =>
        CaseDecider.Decide(Given(history), new NoticeUrgentNeedsLeftUnmatched(CaseId, Wait, at));

    private static object[] Then(object[] history, Func<Case, IReadOnlyList<object>> decide) => With(history, decide);

    [Fact]
    public void An_urgent_need_still_unmatched_when_the_wait_runs_out_raises_its_alarm()
    {
        var left = NoticeAt(WithNeed(), Now + Wait).ShouldHaveSingleItem().ShouldBeOfType<UrgentNeedLeftUnmatched>();
        left.ShouldBe(new UrgentNeedLeftUnmatched(CaseId, NeedId, Station, Caseworker, NeedCategory.MealDelivery, Now, Now + Wait));
    }

    [Fact]
    public void Before_the_wait_runs_out_nothing_is_told()
    {
        NoticeAt(WithNeed(), Now + Wait - TimeSpan.FromSeconds(1)).ShouldBeEmpty();
        Given(WithNeed()).UrgentNeedWaitingSince.ShouldBe(Now);
    }

    [Fact]
    public void A_need_is_told_once_however_often_the_sweep_comes_back()
    {
        var told = Then(WithNeed(), s => CaseDecider.Decide(s, new NoticeUrgentNeedsLeftUnmatched(CaseId, Wait, Now + Wait)));
        var state = Given(told);
        state.Needs.Single().LeftUnmatchedAt.ShouldBe(Now + Wait);
        state.UrgentNeedWaitingSince.ShouldBeNull("nothing is left for the sweep to find");
        NoticeAt(told, Now + Wait * 3).ShouldBeEmpty();
    }

    [Fact]
    public void Each_need_waits_from_when_it_was_raised_and_the_case_s_caseworker_now_is_alerted()
    {
        var later = Guid.NewGuid();
        var history = WithNeed(Urgency.Urgent, later, NeedCategory.Companionship, WithNeed(), Now.AddHours(1));
        var newCaseworker = Guid.NewGuid();
        history = Then(history, s => CaseDecider.Decide(s, new ReassignCaseworker(CaseId, newCaseworker, null, Supervisor, Now)));

        var first = NoticeAt(history, Now + Wait).ShouldHaveSingleItem().ShouldBeOfType<UrgentNeedLeftUnmatched>();
        first.NeedId.ShouldBe(NeedId);
        first.CaseworkerId.ShouldBe(newCaseworker);
        history = [.. history, first];
        Given(history).UrgentNeedWaitingSince.ShouldBe(Now.AddHours(1));
        NoticeAt(history, Now.AddHours(1) + Wait).ShouldHaveSingleItem().ShouldBeOfType<UrgentNeedLeftUnmatched>().NeedId.ShouldBe(later);
    }

    public static TheoryData<string> NoAlarm() => ["soon, not urgent", "matched", "withdrawn", "fulfilled", "case closed"];

    [Theory]
    [MemberData(nameof(NoAlarm))]
    public void Only_an_urgent_need_still_open_on_an_open_case_raises_the_alarm(string which)
    {
        var referral = Guid.NewGuid();
        var history = which switch
        {
            "soon, not urgent" => WithNeed(Urgency.Soon),
            "matched" => Then(WithNeed(), s => CaseDecider.Decide(s, new ReportReferral(
                new ReferralReported(CaseId, NeedId, referral, ReferralStage.Accepted, Guid.NewGuid(), Guid.NewGuid(), Now)))),
            "withdrawn" => Then(WithNeed(), s => CaseDecider.Decide(s, new WithdrawNeed(CaseId, NeedId, "moved away", Caseworker, Now))),
            "fulfilled" => Then(WithNeed(), s => CaseDecider.Decide(s, new ReportReferral(new ReferralReported(CaseId, NeedId, referral,
                ReferralStage.Completed, Guid.NewGuid(), Guid.NewGuid(), Now, ReferralOutcome.Fulfilled)))),
            _ => Then(WithNeed(), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved in with her daughter", Caseworker, Now))),
        };
        NoticeAt(history, Now + Wait * 2).ShouldBeEmpty();
        Given(history).UrgentNeedWaitingSince.ShouldBeNull();
    }

    [Fact]
    public void A_need_open_again_after_its_referral_fell_through_still_raises_the_alarm_once()
    {
        var referral = Guid.NewGuid();
        var history = Then(WithNeed(), s => CaseDecider.Decide(s, new ReportReferral(
            new ReferralReported(CaseId, NeedId, referral, ReferralStage.Accepted, Guid.NewGuid(), Guid.NewGuid(), Now))));
        history = Then(history, s => CaseDecider.Decide(s, new ReportReferral(
            new ReferralReported(CaseId, NeedId, referral, ReferralStage.Declined, Guid.NewGuid(), Guid.NewGuid(), Now.AddHours(1)))));
        NoticeAt(history, Now + Wait).ShouldHaveSingleItem().ShouldBeOfType<UrgentNeedLeftUnmatched>();
    }
}
