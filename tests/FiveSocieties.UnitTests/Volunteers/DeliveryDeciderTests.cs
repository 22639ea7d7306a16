using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using DeliveryCompleted = FiveSocieties.Volunteers.Deliveries.DeliveryCompleted;
using DeliveryMissed = FiveSocieties.Volunteers.Deliveries.DeliveryMissed;
using DeliverySkippedByRecipient = FiveSocieties.Volunteers.Deliveries.DeliverySkippedByRecipient;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries;

namespace FiveSocieties.UnitTests.Volunteers;

public sealed class DeliveryDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid(), Station = Guid.NewGuid(), Ann = Guid.NewGuid(), Bo = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Starts = new(2026, 11, 30, 11, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Id = Delivery.IdFor(CaseId, Day);

    private static readonly DeliveryScheduled Scheduled = new(Id, CaseId, Station, Day, new TimeOnly(11, 0), new TimeOnly(12, 30), Starts,
        new Position(40.09, 113.29), false, Now);

    private static Delivery Given(params object[] more) => History.Given<Delivery>([Scheduled, .. more]);

    private static IReadOnlyList<object> OfferTo(Guid volunteer) =>
        DeliveryDecider.Decide(Given(), new OfferDelivery(Id, new NextOffer(volunteer, 1, Now.AddHours(2)), Now));

    private static Delivery OfferedToAnn() => Given([.. OfferTo(Ann)]);

    private static Delivery AcceptedByAnn() => Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now)]);

    [Fact]
    public void Scheduling_the_same_delivery_twice_creates_nothing_new()
    {
        var command = new ScheduleDelivery(Id, CaseId, Station, Day, new TimeOnly(11, 0), new TimeOnly(12, 30), Starts, null, false, Now);
        DeliveryDecider.Decide(null, command).ShouldHaveSingleItem().ShouldBeOfType<DeliveryScheduled>();
        DeliveryDecider.Decide(Given(), command).ShouldBeEmpty();
        Delivery.IdFor(CaseId, Day).ShouldBe(Id);
        Delivery.IdFor(CaseId, Day.AddDays(1)).ShouldNotBe(Id);
    }

    [Fact]
    public void Accepting_someone_elses_offer_is_refused()
    {
        Should.Throw<ActionForbidden>(() => DeliveryDecider.Decide(OfferedToAnn(), new AcceptDelivery(Id, Bo, Now)))
            .Code.ShouldBe("delivery.not-your-task");
        DeliveryDecider.Decide(OfferedToAnn(), new AcceptDelivery(Id, Ann, Now)).ShouldHaveSingleItem().ShouldBeOfType<DeliveryAccepted>();
        DeliveryDecider.Decide(AcceptedByAnn(), new AcceptDelivery(Id, Ann, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_decline_goes_to_the_next_volunteer_and_nobody_left_fails_the_dispatch()
    {
        var declined = DeliveryDecider.Decide(OfferedToAnn(), new DeclineDelivery(Id, Ann, new NextOffer(Bo, 3, Now.AddHours(2)), Now));
        declined[0].ShouldBeOfType<DeliveryDeclined>();
        declined[1].ShouldBeOfType<DeliveryOffered>().VolunteerId.ShouldBe(Bo);
        var state = Given([.. OfferTo(Ann), .. declined]);
        state.Passed.ShouldBe([Ann]);
        var last = DeliveryDecider.Decide(state, new DeclineDelivery(Id, Bo, null, Now));
        last[1].ShouldBeOfType<DeliveryDispatchFailed>().Reason.ShouldBe(DispatchFailureReason.AllVolunteersDeclined);
    }

    [Fact]
    public void A_volunteer_who_passed_is_never_offered_the_same_delivery_again()
    {
        var declined = DeliveryDecider.Decide(OfferedToAnn(), new DeclineDelivery(Id, Ann, new NextOffer(Ann, 1, Now.AddHours(2)), Now));
        declined[1].ShouldBeOfType<DeliveryDispatchFailed>();
    }

    [Fact]
    public void An_offer_expires_only_after_its_respond_by_time()
    {
        DeliveryDecider.Decide(OfferedToAnn(), new ExpireOffer(Id, new NextOffer(Bo, 1, Now.AddHours(3)), Now.AddHours(1))).ShouldBeEmpty();
        var expired = DeliveryDecider.Decide(OfferedToAnn(), new ExpireOffer(Id, new NextOffer(Bo, 1, Now.AddHours(3)), Now.AddHours(2)));
        expired[0].ShouldBeOfType<DeliveryOfferExpired>().VolunteerId.ShouldBe(Ann);
        expired[1].ShouldBeOfType<DeliveryOffered>().VolunteerId.ShouldBe(Bo);
    }

    [Fact]
    public void An_accepted_delivery_not_picked_up_by_the_window_start_is_a_no_show_and_reassigned()
    {
        DeliveryDecider.Decide(AcceptedByAnn(), new NoteNoShow(Id, new NextOffer(Bo, 1, Starts.AddMinutes(15)), Starts.AddMinutes(-1))).ShouldBeEmpty();
        var noShow = DeliveryDecider.Decide(AcceptedByAnn(), new NoteNoShow(Id, new NextOffer(Bo, 1, Starts.AddMinutes(15)), Starts));
        noShow[0].ShouldBeOfType<VolunteerNoShow>();
        noShow[1].ShouldBeOfType<DeliveryOffered>().VolunteerId.ShouldBe(Bo);
        var pickedUp = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), new DeliveryPickedUp(Id, Ann, Now)]);
        DeliveryDecider.Decide(pickedUp, new NoteNoShow(Id, null, Starts)).ShouldBeEmpty();
    }

    [Fact]
    public void Completing_before_pick_up_is_refused()
    {
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(AcceptedByAnn(), new CompleteDelivery(Id, Ann, Wellbeing.Fine, null, Now)))
            .Code.ShouldBe("delivery.not-picked-up");
        var pickedUp = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), new DeliveryPickedUp(Id, Ann, Now)]);
        var completed = DeliveryDecider.Decide(pickedUp, new CompleteDelivery(Id, Ann, Wellbeing.Concern, "coughing", Now))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryCompleted>();
        completed.Ref.CaseId.ShouldBe(CaseId);
        Should.Throw<ActionForbidden>(() => DeliveryDecider.Decide(pickedUp, new CompleteDelivery(Id, Bo, Wellbeing.Fine, null, Now)))
            .Code.ShouldBe("delivery.not-your-task");
    }

    [Fact]
    public void A_miss_carries_whether_the_recipient_lives_alone_and_a_refusal_ahead_is_a_cancellation()
    {
        var missed = DeliveryDecider.Decide(AcceptedByAnn(), new MissDelivery(Id, Ann, MissReason.NoAnswerAtDoor, true, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryMissed>();
        missed.LivesAlone.ShouldBeTrue();
        DeliveryDecider.Decide(AcceptedByAnn(), new CancelDelivery(Id, CancellationCause.RecipientRefused, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryCancelled>();
        var missedState = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), (object)missed]);
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(missedState, new CancelDelivery(Id, CancellationCause.RecipientRefused, Now)))
            .Code.ShouldBe("delivery.finished");
    }

    [Fact]
    public void The_reminder_goes_once_to_the_volunteer_who_accepted()
    {
        DeliveryDecider.Decide(OfferedToAnn(), new RemindVolunteer(Id, Now)).ShouldBeEmpty();
        var reminder = DeliveryDecider.Decide(AcceptedByAnn(), new RemindVolunteer(Id, Now)).ShouldHaveSingleItem().ShouldBeOfType<DeliveryReminderSent>();
        reminder.VolunteerId.ShouldBe(Ann);
        DeliveryDecider.Decide(Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), (object)reminder]), new RemindVolunteer(Id, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_household_is_asked_to_confirm_a_meal_once_and_never_for_a_visit_or_a_cancelled_delivery()
    {
        var asked = DeliveryDecider.Decide(OfferedToAnn(), new AskRecipientToConfirm(Id, Now)).ShouldHaveSingleItem()
            .ShouldBeOfType<DeliveryConfirmationAsked>();
        DeliveryDecider.Decide(Given([.. OfferTo(Ann), asked]), new AskRecipientToConfirm(Id, Now)).ShouldBeEmpty();
        DeliveryDecider.Decide(Given(new DeliveryCancelled(Id, CancellationCause.EnrolmentEnded, Now)), new AskRecipientToConfirm(Id, Now))
            .ShouldBeEmpty();
        var visit = History.Given<Delivery>(Scheduled with { Kind = VolunteerTaskKind.CompanionshipVisit, Hours = 1m });
        DeliveryDecider.Decide(visit, new AskRecipientToConfirm(Id, Now)).ShouldBeEmpty();
        DeliveryDecider.Decide(Given(asked), new NoteConfirmationNotSent(Id, "isv.MOBILE_NUMBER_ILLEGAL", Now)).ShouldHaveSingleItem()
            .ShouldBeOfType<DeliveryConfirmationNotSent>();
    }

    [Fact]
    public void The_first_answer_counts_and_a_skip_cancels_a_meal_not_yet_picked_up_releasing_its_volunteer()
    {
        var asked = new DeliveryConfirmationAsked(Id, Given().Ref, Now);
        DeliveryDecider.Decide(AcceptedByAnn(), new RecordRecipientAnswer(Id, RecipientAnswer.Skip, Now)).ShouldBeEmpty("never asked");
        var skipped = DeliveryDecider.Decide(Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), asked]),
            new RecordRecipientAnswer(Id, RecipientAnswer.Skip, Now)).ShouldHaveSingleItem().ShouldBeOfType<DeliverySkippedByRecipient>();
        skipped.VolunteerId.ShouldBe(Ann);
        var after = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), asked, skipped]);
        (after.Status, after.IsAssigned, after.Confirmation).ShouldBe((DeliveryStatus.Cancelled, false, RecipientConfirmation.Skipped));
        DeliveryDecider.Decide(after, new RecordRecipientAnswer(Id, RecipientAnswer.Confirm, Now)).ShouldBeEmpty("the first answer counts");
        DeliveryDecider.Decide(Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), new DeliveryPickedUp(Id, Ann, Now), asked]),
            new RecordRecipientAnswer(Id, RecipientAnswer.Skip, Now)).ShouldBeEmpty("already on its way");
        DeliveryDecider.Decide(Given(asked), new RecordRecipientAnswer(Id, RecipientAnswer.Confirm, Now)).ShouldHaveSingleItem()
            .ShouldBeOfType<DeliveryConfirmedByRecipient>();
    }

    [Theory]
    [InlineData("1", RecipientAnswer.Confirm)]
    [InlineData(" 1 ", RecipientAnswer.Confirm)]
    [InlineData("１", RecipientAnswer.Confirm)]
    [InlineData("2。", RecipientAnswer.Skip)]
    [InlineData("２", RecipientAnswer.Skip)]
    [InlineData("12", null)]
    [InlineData("好的", null)]
    [InlineData("", null)]
    public void A_reply_is_read_as_1_or_2_or_not_understood(string content, RecipientAnswer? expected) =>
        FiveSocieties.Volunteers.Deliveries.Confirming.RecipientRepliesEndpoint.Parse(content).ShouldBe(expected);

    [Fact]
    public void A_task_with_a_child_needs_a_cleared_background_check_and_a_visit_completes_without_a_pick_up()
    {
        var visit = Scheduled with { ChildFacing = true, Kind = VolunteerTaskKind.CompanionshipVisit, Hours = 1.5m, Canteen = null };
        var scheduled = History.Given<Delivery>(visit);
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(scheduled,
                new OfferDelivery(Id, new NextOffer(Ann, 1, Now.AddHours(2)), Now), backgroundCleared: false))
            .Code.ShouldBe("task.background-check-required");
        var offer = DeliveryDecider.Decide(scheduled, new OfferDelivery(Id, new NextOffer(Ann, 1, Now.AddHours(2)), Now)).ShouldHaveSingleItem();
        var offered = History.Given<Delivery>(visit, offer);
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(offered, new AcceptDelivery(Id, Ann, Now, BackgroundCleared: false)))
            .Code.ShouldBe("task.background-check-required");
        var accepted = DeliveryDecider.Decide(offered, new AcceptDelivery(Id, Ann, Now, BackgroundCleared: true)).ShouldHaveSingleItem();
        var completed = DeliveryDecider.Decide(History.Given<Delivery>(visit, offer, accepted), new CompleteDelivery(Id, Ann, Wellbeing.Fine, null, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryCompleted>();
        completed.Hours.ShouldBe(1.5m);
        completed.Ref.Kind.ShouldBe(VolunteerTaskKind.CompanionshipVisit);
    }

    [Fact]
    public void A_phone_action_sent_again_acts_once_and_remembers_the_answer_it_got()
    {
        var pickUp = Guid.NewGuid();
        var offline = Now.AddHours(-3);
        var picked = DeliveryDecider.Decide(AcceptedByAnn(), new PickUpDelivery(Id, Ann, offline, new PhoneAction(pickUp, Now)))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryPickedUp>();
        picked.PickedUpAt.ShouldBe(offline);
        picked.RecordedAt.ShouldBe(Now);
        picked.ActionId.ShouldBe(pickUp);
        var state = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), picked]);
        state.Action(pickUp).ShouldBe(new HandledAction(pickUp, DeliveryStatus.PickedUp, Ann, state.Version));

        var complete = new CompleteDelivery(Id, Ann, Wellbeing.Fine, null, offline.AddMinutes(20), new PhoneAction(Guid.NewGuid(), Now));
        var completed = DeliveryDecider.Decide(state, complete).ShouldHaveSingleItem().ShouldBeOfType<DeliveryCompleted>();
        var done = Given([.. OfferTo(Ann), new DeliveryAccepted(Id, Ann, Now), picked, completed]);
        DeliveryDecider.Decide(done, complete).ShouldBeEmpty();
        DeliveryDecider.Decide(done, new PickUpDelivery(Id, Ann, offline, new PhoneAction(pickUp, Now))).ShouldBeEmpty();
        done.Action(pickUp)!.Status.ShouldBe(DeliveryStatus.PickedUp, "the answer it got then, not the state now");
    }

    [Fact]
    public void A_phone_action_on_a_task_reassigned_meanwhile_is_refused_however_often_it_is_sent()
    {
        var handedOver = Given([.. OfferTo(Ann), new DeliveryDeclined(Id, Ann, Now), .. OfferTo(Bo)]);
        var action = new PhoneAction(Guid.NewGuid(), Now);
        for (var attempt = 0; attempt < 2; attempt++)
            Should.Throw<ActionForbidden>(() => DeliveryDecider.Decide(handedOver, new PickUpDelivery(Id, Ann, Now.AddHours(-1), action)))
                .Code.ShouldBe("delivery.not-your-task");
    }

    [Fact]
    public void Every_answer_of_the_phone_keeps_when_it_happened_when_it_reached_us_and_its_id()
    {
        var offline = Now.AddHours(-2);
        var action = new PhoneAction(Guid.NewGuid(), Now);
        var accepted = DeliveryDecider.Decide(OfferedToAnn(), new AcceptDelivery(Id, Ann, offline, Action: action))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryAccepted>();
        (accepted.AcceptedAt, accepted.RecordedAt, accepted.ActionId).ShouldBe((offline, Now, action.ActionId));
        var declined = DeliveryDecider.Decide(OfferedToAnn(), new DeclineDelivery(Id, Ann, new NextOffer(Bo, 1, Now.AddHours(2)), offline, action));
        declined[0].ShouldBeOfType<DeliveryDeclined>().DeclinedAt.ShouldBe(offline);
        declined[1].ShouldBeOfType<DeliveryOffered>().OfferedAt.ShouldBe(Now, "the next offer is made when we hear of the decline");
        var missed = DeliveryDecider.Decide(AcceptedByAnn(), new MissDelivery(Id, Ann, MissReason.Unwell, false, offline, action))
            .ShouldHaveSingleItem().ShouldBeOfType<DeliveryMissed>();
        (missed.MissedAt, missed.RecordedAt, missed.Reason).ShouldBe((offline, Now, MissReason.Unwell));
    }
}
