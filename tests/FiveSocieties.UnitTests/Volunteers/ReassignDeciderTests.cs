using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries;

namespace FiveSocieties.UnitTests.Volunteers;

/// <summary>A coordinator hands a delivery to another volunteer by hand.</summary>
public sealed class ReassignDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid(), Station = Guid.NewGuid(), Ann = Guid.NewGuid(), Bo = Guid.NewGuid(),
        Coordinator = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Starts = new(2026, 11, 30, 11, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Id = Delivery.IdFor(CaseId, Day);

    private static readonly DeliveryScheduled Scheduled = new(Id, CaseId, Station, Day, new TimeOnly(11, 0), new TimeOnly(12, 30), Starts,
        new Position(40.09, 113.29), false, Now);

    private static readonly DeliveryOffered OfferedToAnn = new(Id, new DeliveryRef(CaseId, Station, Day, new TimeOnly(11, 0), new TimeOnly(12, 30)),
        Ann, 2, Now.AddHours(2), Now);

    private static Delivery Given(params object[] more) => History.Given<Delivery>([Scheduled, .. more]);

    private static ReassignDelivery ToBo(bool cleared = true, bool mayVisit = false) =>
        new(Id, new NextOffer(Bo, 4, Now.AddHours(2)), cleared, mayVisit, Coordinator, "张师傅病了", Now);

    [Fact]
    public void Reassigning_an_accepted_delivery_ends_the_first_volunteers_task_and_offers_it_to_the_chosen_one()
    {
        var events = DeliveryDecider.Decide(Given(OfferedToAnn, new DeliveryAccepted(Id, Ann, Now)), ToBo());

        var reassigned = events[0].ShouldBeOfType<DeliveryReassigned>();
        reassigned.FromVolunteerId.ShouldBe(Ann);
        reassigned.ToVolunteerId.ShouldBe(Bo);
        reassigned.ReassignedBy.ShouldBe(Coordinator);
        reassigned.Reason.ShouldBe("张师傅病了");
        var offered = events[1].ShouldBeOfType<DeliveryOffered>();
        (offered.VolunteerId, offered.RouteStop).ShouldBe((Bo, 4));

        var state = Given([OfferedToAnn, new DeliveryAccepted(Id, Ann, Now), .. events]);
        (state.Status, state.VolunteerId, state.RouteStop).ShouldBe((DeliveryStatus.Offered, Bo, 4));
        state.Passed.ShouldBe([Ann]);
        state.ReassignedAway.ShouldBe([Ann]);
    }

    [Fact]
    public void What_the_first_volunteer_sends_afterwards_is_refused_as_reassigned_and_the_chosen_one_carries_on()
    {
        var state = Given([OfferedToAnn, new DeliveryAccepted(Id, Ann, Now),
            .. DeliveryDecider.Decide(Given(OfferedToAnn, new DeliveryAccepted(Id, Ann, Now)), ToBo())]);

        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(state, new PickUpDelivery(Id, Ann, Now))).Code.ShouldBe("delivery.reassigned");
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(state, new CompleteDelivery(Id, Ann, Wellbeing.Fine, null, Now)))
            .Code.ShouldBe("delivery.reassigned");
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(state, new MissDelivery(Id, Ann, MissReason.NoAnswerAtDoor, false, Now)))
            .Code.ShouldBe("delivery.reassigned");
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(state, new AcceptDelivery(Id, Ann, Now))).Code.ShouldBe("delivery.reassigned");
        // A decline from the first volunteer asks for what already happened: nothing to record.
        DeliveryDecider.Decide(state, new DeclineDelivery(Id, Ann, null, Now)).ShouldBeEmpty();

        DeliveryDecider.Decide(state, new AcceptDelivery(Id, Bo, Now)).ShouldHaveSingleItem().ShouldBeOfType<DeliveryAccepted>();
    }

    [Fact]
    public void Reassigning_to_the_volunteer_who_holds_it_changes_nothing()
    {
        var state = Given(OfferedToAnn);
        DeliveryDecider.Decide(state, ToBo() with { Offer = new NextOffer(Ann, 1, Now.AddHours(1)) }).ShouldBeEmpty();
    }

    [Fact]
    public void A_delivery_nobody_took_goes_to_the_chosen_volunteer_with_nobody_to_take_it_from()
    {
        var unassigned = Given(new DeliveryDispatchFailed(Id, OfferedToAnn.Ref, DispatchFailureReason.NoVolunteerAvailable, Now));
        var events = DeliveryDecider.Decide(unassigned, ToBo());
        events[0].ShouldBeOfType<DeliveryReassigned>().FromVolunteerId.ShouldBeNull();
        var state = Given([new DeliveryDispatchFailed(Id, OfferedToAnn.Ref, DispatchFailureReason.NoVolunteerAvailable, Now), .. events]);
        (state.Status, state.VolunteerId).ShouldBe((DeliveryStatus.Offered, Bo));
        state.ReassignedAway.ShouldBeEmpty();
    }

    [Fact]
    public void A_volunteer_who_declined_may_still_be_chosen_by_hand()
    {
        var declined = Given(OfferedToAnn with { VolunteerId = Bo }, new DeliveryDeclined(Id, Bo, Now),
            new DeliveryDispatchFailed(Id, OfferedToAnn.Ref, DispatchFailureReason.AllVolunteersDeclined, Now));
        var events = DeliveryDecider.Decide(declined, ToBo());
        events[1].ShouldBeOfType<DeliveryOffered>().VolunteerId.ShouldBe(Bo);
        Given([OfferedToAnn with { VolunteerId = Bo }, new DeliveryDeclined(Id, Bo, Now),
            new DeliveryDispatchFailed(Id, OfferedToAnn.Ref, DispatchFailureReason.AllVolunteersDeclined, Now), .. events]).Passed.ShouldBeEmpty();
    }

    [Fact]
    public void A_picked_up_or_finished_delivery_is_not_reassigned()
    {
        var pickedUp = Given(OfferedToAnn, new DeliveryAccepted(Id, Ann, Now), new DeliveryPickedUp(Id, Ann, Now));
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(pickedUp, ToBo())).Code.ShouldBe("delivery.picked-up");
        var cancelled = Given(OfferedToAnn, new DeliveryCancelled(Id, CancellationCause.RecipientRefused, Now));
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(cancelled, ToBo())).Code.ShouldBe("delivery.finished");
    }

    [Fact]
    public void A_child_needs_a_cleared_volunteer_and_a_visit_one_with_the_companionship_skill()
    {
        var child = History.Given<Delivery>(Scheduled with { ChildFacing = true });
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(child, ToBo(cleared: false))).Code.ShouldBe("task.background-check-required");
        DeliveryDecider.Decide(child, ToBo(cleared: true)).Count.ShouldBe(2);

        var visit = History.Given<Delivery>(Scheduled with { Kind = VolunteerTaskKind.CompanionshipVisit, Hours = 1, Canteen = null });
        Should.Throw<DomainRuleViolation>(() => DeliveryDecider.Decide(visit, ToBo(mayVisit: false))).Code.ShouldBe("task.skill-missing");
        DeliveryDecider.Decide(visit, ToBo(mayVisit: true)).Count.ShouldBe(2);
    }
}
