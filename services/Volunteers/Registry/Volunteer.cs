using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Volunteers.Registry;

/// <summary>志愿者: a volunteer as their events made them (kept inline by Marten; GET /volunteers/{id}).</summary>
public sealed record Volunteer(
    Guid Id, Guid StationId, string Name, string Phone, Position Home, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, IReadOnlyList<AvailabilitySlot> Availability,
    BackgroundCheckStatus BackgroundCheck, VolunteerStatus Status, DateTimeOffset RegisteredAt, long Version)
{
    public static Volunteer Create(IEvent<VolunteerRegistered> e) => new(
        e.Data.VolunteerId, e.Data.StationId, e.Data.Name, e.Data.Phone, e.Data.Home, e.Data.Skills, e.Data.Languages,
        e.Data.IsSenior, e.Data.MaxLoad, [], BackgroundCheckStatus.NotChecked, VolunteerStatus.Active, e.Data.RegisteredAt, e.Version);

    public Volunteer Apply(IEvent<AvailabilitySet> e) => this with { Availability = e.Data.Slots, Version = e.Version };

    public Volunteer Apply(IEvent<BackgroundCheckRecorded> e) => this with { BackgroundCheck = e.Data.Status, Version = e.Version };

    public Volunteer Apply(IEvent<VolunteerSuspended> e) => this with { Status = VolunteerStatus.Suspended, Version = e.Version };

    public Volunteer Apply(IEvent<VolunteerReactivated> e) => this with { Status = VolunteerStatus.Active, Version = e.Version };

    /// <summary>Free for the whole window on that day: one slot covers it from start to end.</summary>
    public bool IsAvailable(DayOfWeek day, TimeOnly from, TimeOnly to) =>
        Availability.Any(slot => slot.Days.Contains(day) && slot.From <= from && slot.To >= to);
}
