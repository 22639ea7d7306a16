using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Registry;

/// <summary><see cref="SameAsStored"/>: the caller opened the stored name and phone and found them the request's (sealed values differ per sealing).</summary>
public sealed record RegisterVolunteer(
    Guid VolunteerId, Guid StationId, string SealedPerson, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, Guid By, DateTimeOffset At, bool SameAsStored = false);

public sealed record EraseVolunteer(Guid VolunteerId, Guid By, DateTimeOffset At);

public sealed record SetAvailability(Guid VolunteerId, IReadOnlyList<AvailabilitySlot> Slots, Guid By, DateTimeOffset At);

public sealed record RecordBackgroundCheck(Guid VolunteerId, BackgroundCheckStatus Status, Guid By, DateTimeOffset At);

public sealed record SuspendVolunteer(Guid VolunteerId, string Reason, Guid By, DateTimeOffset At);

public sealed record ReactivateVolunteer(Guid VolunteerId, Guid By, DateTimeOffset At);

/// <summary>What may happen to a volunteer's record.</summary>
public static class VolunteerDecider
{
    public static IReadOnlyList<object> Decide(Volunteer? state, RegisterVolunteer c)
    {
        if (state is not null)
        {
            Living(state, c.VolunteerId);
            // The client's own id makes a repeat idempotent; the same id with other details is a mistake.
            var same = state.StationId == c.StationId && c.SameAsStored;
            return same ? [] : throw new DomainRuleViolation("volunteer.id-taken", $"Volunteer {c.VolunteerId} is already registered with other details.");
        }
        return [new VolunteerRegistered(c.VolunteerId, c.StationId, c.SealedPerson, c.Skills, c.Languages, c.IsSenior,
            c.MaxLoad, c.By, c.At)];
    }

    public static IReadOnlyList<object> Decide(Volunteer? state, SetAvailability c)
    {
        var volunteer = Existing(state, c.VolunteerId);
        foreach (var slot in c.Slots)
        {
            if (slot.To <= slot.From)
                throw new DomainRuleViolation("availability.slot-ends-before-start",
                    $"A slot from {slot.From:HH\\:mm} to {slot.To:HH\\:mm} ends before it starts.");
            if (slot.Days.Count == 0)
                throw new DomainRuleViolation("availability.slot-without-days", "A slot must name at least one day of the week.");
        }
        if (SameSlots(volunteer.Availability, c.Slots)) return [];
        return [new AvailabilitySet(c.VolunteerId, c.Slots, c.By, c.At)];
    }

    public static IReadOnlyList<object> Decide(Volunteer? state, RecordBackgroundCheck c)
    {
        var volunteer = Existing(state, c.VolunteerId);
        return volunteer.BackgroundCheck == c.Status ? [] : [new BackgroundCheckRecorded(c.VolunteerId, c.Status, c.By, c.At)];
    }

    public static IReadOnlyList<object> Decide(Volunteer? state, SuspendVolunteer c)
    {
        var volunteer = Existing(state, c.VolunteerId);
        return volunteer.Status == VolunteerStatus.Suspended ? [] : [new VolunteerSuspended(c.VolunteerId, c.Reason, c.By, c.At)];
    }

    public static IReadOnlyList<object> Decide(Volunteer? state, ReactivateVolunteer c)
    {
        var volunteer = Existing(state, c.VolunteerId);
        return volunteer.Status == VolunteerStatus.Active ? [] : [new VolunteerReactivated(c.VolunteerId, c.By, c.At)];
    }

    /// <summary>Erasing twice changes nothing; the first erasure is the one on record.</summary>
    public static IReadOnlyList<object> Decide(Volunteer? state, EraseVolunteer c) =>
        (state ?? throw new RecordNotFound("Volunteer", c.VolunteerId)).Status == VolunteerStatus.Erased ? [] : [new VolunteerErased(c.VolunteerId, c.By, c.At)];

    private static Volunteer Existing(Volunteer? state, Guid id) => Living(state ?? throw new RecordNotFound("Volunteer", id), id);

    /// <summary>Nothing more is recorded of an erased volunteer: what would be, would be about nobody.</summary>
    private static Volunteer Living(Volunteer volunteer, Guid id) => volunteer.Status == VolunteerStatus.Erased
        ? throw new DomainRuleViolation("volunteer.erased", $"Volunteer {id}'s personal data was erased: nothing more is recorded of them.")
        : volunteer;

    private static bool SameSlots(IReadOnlyList<AvailabilitySlot> a, IReadOnlyList<AvailabilitySlot> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.From == p.Second.From && p.First.To == p.Second.To
                                                 && p.First.Days.SequenceEqual(p.Second.Days));
}
