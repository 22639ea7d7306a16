using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Registry;

/// <summary>志愿者: a volunteer as their events made them (kept inline by Marten); their personal data stays sealed here.</summary>
public sealed record Volunteer(
    Guid Id, Guid StationId, string? SealedPerson, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, IReadOnlyList<AvailabilitySlot> Availability,
    BackgroundCheckStatus BackgroundCheck, VolunteerStatus Status, DateTimeOffset RegisteredAt, long Version)
{
    public static Volunteer Create(VolunteerRegistered e) => new(
        e.VolunteerId, e.StationId, e.SealedPerson, e.Skills, e.Languages,
        e.IsSenior, e.MaxLoad, [], BackgroundCheckStatus.NotChecked, VolunteerStatus.Active, e.RegisteredAt, 1);

    public Volunteer Apply(AvailabilitySet e) => this with { Availability = e.Slots };

    public Volunteer Apply(BackgroundCheckRecorded e) => this with { BackgroundCheck = e.Status };

    public Volunteer Apply(VolunteerSuspended _) => this with { Status = VolunteerStatus.Suspended };

    public Volunteer Apply(VolunteerReactivated _) => this with { Status = VolunteerStatus.Active };

    public Volunteer Apply(VolunteerErased _) => this with { Status = VolunteerStatus.Erased, SealedPerson = null };

    /// <summary>Their name, phone and home, opened with their key; null once erased.</summary>
    public VolunteerPerson? Person(SubjectKey? key) => PersonalData.OpenJson<VolunteerPerson>(key, SealedPerson);

    /// <summary>Free for the whole window on that day: one slot covers it from start to end.</summary>
    public bool IsAvailable(DayOfWeek day, TimeOnly from, TimeOnly to) =>
        Availability.Any(slot => slot.Days.Contains(day) && slot.From <= from && slot.To >= to);
}
