using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using VolunteerErased = FiveSocieties.Volunteers.Registry.VolunteerErased;
using VolunteerRegistered = FiveSocieties.Volunteers.Registry.VolunteerRegistered;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Registry;

namespace FiveSocieties.UnitTests.Volunteers;

public sealed class VolunteerDeciderTests
{
    private static readonly Guid Id = Guid.NewGuid(), Station = Guid.NewGuid(), Coordinator = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8));

    public static RegisterVolunteer Register(Guid? id = null) => new(id ?? Id, Station, "s1:sealed-王秀英",
        [VolunteerSkill.MealDelivery], ["zh-CN"], true, 8, Coordinator, Now);

    private static Volunteer Registered() => History.Given<Volunteer>(VolunteerDecider.Decide(null, Register()).ToArray());

    [Fact]
    public void Registering_twice_with_the_same_id_and_details_changes_nothing()
    {
        var registered = VolunteerDecider.Decide(null, Register()).ShouldHaveSingleItem().ShouldBeOfType<VolunteerRegistered>();
        registered.IsSenior.ShouldBeTrue();
        // The endpoint opened the stored name and phone and found them the request's; sealed values differ per sealing.
        VolunteerDecider.Decide(Registered(), Register() with { SealedPerson = "s1:sealed-again", SameAsStored = true }).ShouldBeEmpty();
    }

    [Fact]
    public void Registering_another_person_under_a_taken_id_is_refused()
    {
        var other = Register() with { SameAsStored = false };
        Should.Throw<DomainRuleViolation>(() => VolunteerDecider.Decide(Registered(), other)).Code.ShouldBe("volunteer.id-taken");
    }

    [Fact]
    public void An_erased_volunteer_is_erased_once_and_nothing_more_is_recorded_of_them()
    {
        var erased = VolunteerDecider.Decide(Registered(), new EraseVolunteer(Id, Coordinator, Now)).ShouldHaveSingleItem().ShouldBeOfType<VolunteerErased>();
        var after = History.Given<Volunteer>([.. VolunteerDecider.Decide(null, Register()), erased]);
        after.Status.ShouldBe(VolunteerStatus.Erased);
        after.SealedPerson.ShouldBeNull("not even the ciphertext is kept");
        VolunteerDecider.Decide(after, new EraseVolunteer(Id, Coordinator, Now)).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => VolunteerDecider.Decide(after, new ReactivateVolunteer(Id, Coordinator, Now))).Code.ShouldBe("volunteer.erased");
        Should.Throw<DomainRuleViolation>(() => VolunteerDecider.Decide(after, Register() with { SameAsStored = true })).Code.ShouldBe("volunteer.erased");
    }

    [Fact]
    public void An_availability_slot_ending_before_it_starts_is_refused()
    {
        var slots = new[] { new AvailabilitySlot([DayOfWeek.Monday], new TimeOnly(12, 0), new TimeOnly(10, 0)) };
        Should.Throw<DomainRuleViolation>(() => VolunteerDecider.Decide(Registered(), new SetAvailability(Id, slots, Id, Now)))
            .Code.ShouldBe("availability.slot-ends-before-start");
    }

    [Fact]
    public void Availability_covers_a_window_only_when_one_slot_holds_all_of_it()
    {
        var slots = new[] { new AvailabilitySlot([DayOfWeek.Monday, DayOfWeek.Wednesday], new TimeOnly(10, 0), new TimeOnly(13, 0)) };
        var set = VolunteerDecider.Decide(Registered(), new SetAvailability(Id, slots, Id, Now)).ShouldHaveSingleItem();
        var volunteer = History.Given<Volunteer>([.. VolunteerDecider.Decide(null, Register()), set]);
        volunteer.IsAvailable(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(12, 30)).ShouldBeTrue();
        volunteer.IsAvailable(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(13, 30)).ShouldBeFalse();
        volunteer.IsAvailable(DayOfWeek.Tuesday, new TimeOnly(11, 0), new TimeOnly(12, 0)).ShouldBeFalse();
        VolunteerDecider.Decide(volunteer, new SetAvailability(Id, slots, Id, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void Suspending_and_reactivating_are_idempotent()
    {
        var suspended = VolunteerDecider.Decide(Registered(), new SuspendVolunteer(Id, "moved away", Coordinator, Now)).ShouldHaveSingleItem();
        var state = History.Given<Volunteer>([.. VolunteerDecider.Decide(null, Register()), suspended]);
        state.Status.ShouldBe(VolunteerStatus.Suspended);
        VolunteerDecider.Decide(state, new SuspendVolunteer(Id, "again", Coordinator, Now)).ShouldBeEmpty();
        VolunteerDecider.Decide(state, new ReactivateVolunteer(Id, Coordinator, Now)).ShouldHaveSingleItem().ShouldBeOfType<VolunteerReactivated>();
    }

    [Fact]
    public void Commands_on_an_unknown_volunteer_name_it()
    {
        Should.Throw<RecordNotFound>(() => VolunteerDecider.Decide(null, new RecordBackgroundCheck(Id, BackgroundCheckStatus.Cleared, Coordinator, Now)));
    }
}
