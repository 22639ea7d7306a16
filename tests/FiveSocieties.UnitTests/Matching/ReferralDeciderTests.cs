using FiveSocieties.BuildingBlocks.Domain;
using NeedCategory = FiveSocieties.Contracts.V1.NeedCategory;
using Recurrence = FiveSocieties.Contracts.V1.Recurrence;
using ReferralOutcome = FiveSocieties.Contracts.V1.ReferralOutcome;
using ReferralDeclinedBy = FiveSocieties.Contracts.V1.ReferralDeclinedBy;
using ReferralDeclineReason = FiveSocieties.Contracts.V1.ReferralDeclineReason;
using ReferralStep = FiveSocieties.Contracts.V1.ReferralStep;
using FiveSocieties.Matching.Integration.Outgoing;
using FiveSocieties.Matching.Referrals;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>The closed loop, given/when/then: each step from the right state only, each deadline in its step.</summary>
public sealed class ReferralDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReferralDeadlines Deadlines = new() { Approval = TimeSpan.FromDays(1), Acceptance = TimeSpan.FromDays(2), Start = TimeSpan.FromDays(3) };
    private static readonly Guid User = Guid.NewGuid();

    private static readonly ReferralParties Parties = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), "龙泉镇长者食堂", "Lunch", NeedCategory.MealDelivery, Recurrence.Daily);

    private static Referral Given(params object[] events)
    {
        var proposed = ReferralDecider.Propose(ReferralIds.For(Parties.NeedId, Parties.OfferId), Parties, 42, ["serves grid LQ-1"], null, null, Now, Deadlines);
        var state = Referral.Create(proposed);
        foreach (var e in events)
            state = e switch
            {
                ReferralApproved x => state.Apply(x),
                ReferralAccepted x => state.Apply(x),
                ReferralStarted x => state.Apply(x),
                ReferralDeclined x => state.Apply(x),
                ReferralCancelled x => state.Apply(x),
                ReferralCompleted x => state.Apply(x),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return state;
    }

    private static ReferralApproved Approved => (ReferralApproved)ReferralDecider.Approve(Given(), User, Now, Deadlines)[0];
    private static ReferralAccepted Accepted => (ReferralAccepted)ReferralDecider.Accept(Given(Approved), User, Now, Deadlines)[0];
    private static ReferralStarted Started => (ReferralStarted)ReferralDecider.Start(Given(Approved, Accepted), User, Now)[0];

    [Fact]
    public void The_loop_runs_proposed_approved_accepted_in_service_completed()
    {
        Given().Status.ShouldBe(ReferralStatus.AwaitingApproval);
        Given().DueAt.ShouldBe(Now.AddDays(1));
        Given(Approved).DueAt.ShouldBe(Now.AddDays(2));
        Given(Approved, Accepted).DueAt.ShouldBe(Now.AddDays(3));
        Given(Approved, Accepted).HoldsPlace.ShouldBeTrue();
        Given(Approved, Accepted, Started).DueAt.ShouldBeNull();
        ReferralDecider.Complete(Given(Approved, Accepted, Started), ReferralOutcome.Fulfilled, "done", User, Now)
            .ShouldHaveSingleItem().ShouldBeOfType<ReferralCompleted>().Outcome.ShouldBe(ReferralOutcome.Fulfilled);
    }

    [Fact]
    public void Repeating_a_step_changes_nothing()
    {
        ReferralDecider.Approve(Given(Approved), User, Now, Deadlines).ShouldBeEmpty();
        ReferralDecider.Accept(Given(Approved, Accepted), User, Now, Deadlines).ShouldBeEmpty();
        ReferralDecider.Start(Given(Approved, Accepted, Started), User, Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_step_out_of_order_is_refused_by_name()
    {
        Should.Throw<DomainRuleViolation>(() => ReferralDecider.Accept(Given(), User, Now, Deadlines)).Code.ShouldBe("referral.not-awaiting-acceptance");
        Should.Throw<DomainRuleViolation>(() => ReferralDecider.Start(Given(Approved), User, Now)).Code.ShouldBe("referral.not-accepted");
        Should.Throw<DomainRuleViolation>(() => ReferralDecider.Complete(Given(Approved, Accepted), ReferralOutcome.Fulfilled, null, User, Now))
            .Code.ShouldBe("referral.not-in-service");
    }

    [Theory]
    [InlineData(ReferralDeclinedBy.Caseworker, 0, true)]
    [InlineData(ReferralDeclinedBy.Caseworker, 1, false)]
    [InlineData(ReferralDeclinedBy.Provider, 0, false)]
    [InlineData(ReferralDeclinedBy.Provider, 1, true)]
    [InlineData(ReferralDeclinedBy.Provider, 2, true)]
    [InlineData(ReferralDeclinedBy.Provider, 3, false)]
    public void Who_may_decline_depends_on_the_step(ReferralDeclinedBy by, int steps, bool allowed)
    {
        var state = Given(new object[] { Approved, Accepted, Started }.Take(steps).ToArray());
        if (allowed)
            ReferralDecider.Decline(state, by, ReferralDeclineReason.NoCapacity, null, User, Now)
                .ShouldHaveSingleItem().ShouldBeOfType<ReferralDeclined>().At.ShouldBe(state.Step!.Value);
        else
            Should.Throw<DomainRuleViolation>(() => ReferralDecider.Decline(state, by, ReferralDeclineReason.NoCapacity, null, User, Now))
                .Code.ShouldBe("referral.cannot-decline");
    }

    [Fact]
    public void A_waiting_step_expires_at_its_deadline_and_not_before()
    {
        ReferralDecider.Expire(Given(), Now.AddDays(1).AddTicks(-1)).ShouldBeEmpty();
        ReferralDecider.Expire(Given(), Now.AddDays(1)).ShouldHaveSingleItem().ShouldBeOfType<ReferralExpired>().At.ShouldBe(ReferralStep.AwaitingApproval);
        ReferralDecider.Expire(Given(Approved, Accepted), Now.AddDays(3)).ShouldHaveSingleItem().ShouldBeOfType<ReferralExpired>().At.ShouldBe(ReferralStep.Accepted);
        ReferralDecider.Expire(Given(Approved, Accepted, Started), Now.AddYears(1)).ShouldBeEmpty("service in progress has no deadline");
    }

    [Theory]
    [InlineData(0, V1.ReferralCancelCause.NeedWithdrawn, ReferralStep.AwaitingApproval)]
    [InlineData(1, V1.ReferralCancelCause.CaseClosed, ReferralStep.AwaitingAcceptance)]
    [InlineData(2, V1.ReferralCancelCause.OfferWithdrawn, ReferralStep.Accepted)]
    [InlineData(3, V1.ReferralCancelCause.OfferExpired, ReferralStep.InService)]
    public void A_referral_in_progress_is_cancelled_at_any_step_when_its_need_or_offer_goes_away(
        int steps, V1.ReferralCancelCause cause, ReferralStep at)
    {
        var given = Given(new object[] { Approved, Accepted, Started }.Take(steps).ToArray());
        var cancelled = ReferralDecider.Cancel(given, cause, Now).ShouldHaveSingleItem().ShouldBeOfType<ReferralCancelled>();
        cancelled.At.ShouldBe(at);
        cancelled.Cause.ShouldBe(cause);

        var then = Given([.. new object[] { Approved, Accepted, Started }.Take(steps), cancelled]);
        then.Status.ShouldBe(ReferralStatus.Cancelled);
        then.IsOver.ShouldBeTrue();
        then.HoldsPlace.ShouldBeFalse();
        then.DueAt.ShouldBeNull("nothing left to expire");
        then.CancelCause.ShouldBe(cause);
        ReferralDecider.Cancel(then, cause, Now).ShouldBeEmpty("a repeat changes nothing");
        Should.Throw<DomainRuleViolation>(() => ReferralDecider.Approve(then, User, Now, Deadlines)).Code.ShouldBe("referral.not-awaiting-approval");
    }

    [Fact]
    public void A_referral_that_is_over_is_not_cancelled()
    {
        var declined = ReferralDecider.Decline(Given(), ReferralDeclinedBy.Caseworker, ReferralDeclineReason.ClientRefused, null, User, Now)[0];
        ReferralDecider.Cancel(Given(declined), V1.ReferralCancelCause.NeedWithdrawn, Now).ShouldBeEmpty();
        var completed = ReferralDecider.Complete(Given(Approved, Accepted, Started), ReferralOutcome.Fulfilled, null, User, Now)[0];
        ReferralDecider.Cancel(Given(Approved, Accepted, Started, completed), V1.ReferralCancelCause.OfferWithdrawn, Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_cancellation_is_published_with_its_step_and_cause()
    {
        var cancelled = (ReferralCancelled)ReferralDecider.Cancel(Given(Approved, Accepted), V1.ReferralCancelCause.OfferWithdrawn, Now)[0];
        var message = new MatchingIntegrationEvents().Map(new Event<ReferralCancelled>(cancelled) { Id = Guid.NewGuid() })
            .ShouldBeOfType<V1.ReferralCancelled>();
        (message.CancelledAt, message.Cause, message.NeedId, message.ProviderId)
            .ShouldBe((ReferralStep.Accepted, V1.ReferralCancelCause.OfferWithdrawn, Parties.NeedId, Parties.ProviderId));
    }

    [Fact]
    public void Referral_ids_are_one_per_need_and_offer()
    {
        var need = Guid.NewGuid();
        var offer = Guid.NewGuid();
        ReferralIds.For(need, offer).ShouldBe(ReferralIds.For(need, offer));
        ReferralIds.For(need, offer).ShouldNotBe(ReferralIds.For(need, Guid.NewGuid()));
        ReferralIds.For(need, offer).ShouldNotBe(ReferralIds.For(offer, need));
    }

    [Fact]
    public void The_relay_publishes_the_loop_without_the_free_text_notes()
    {
        var map = new MatchingIntegrationEvents();
        var declined = (ReferralDeclined)ReferralDecider.Decline(Given(Approved), ReferralDeclinedBy.Provider, ReferralDeclineReason.NotSuitable,
            "her son says she refuses strangers", User, Now)[0];
        var message = map.Map(new Event<ReferralDeclined>(declined) { Id = Guid.NewGuid() }).ShouldBeOfType<V1.ReferralDeclined>();
        message.Reason.ShouldBe(ReferralDeclineReason.NotSuitable);
        message.CaseworkerId.ShouldBe(Parties.CaseworkerId);
        message.ToString().ShouldNotContain("strangers");

        var accepted = map.Map(new Event<ReferralAccepted>(Accepted) { Id = Guid.NewGuid() }).ShouldBeOfType<V1.ReferralAccepted>();
        accepted.ProviderName.ShouldBe("龙泉镇长者食堂");
        accepted.NeedId.ShouldBe(Parties.NeedId);
        map.Map(new Event<ReferralStarted>(Started) { Id = Guid.NewGuid() }).ShouldBeNull();
    }
}
