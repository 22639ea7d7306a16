using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Registry;

public enum VolunteerStatus { Active, Suspended }

/// <summary>Required before any task with a child (DESIGN §3).</summary>
public enum BackgroundCheckStatus { NotChecked, Pending, Cleared, Failed }

/// <summary>A weekly recurring slot (iCal RRULE FREQ=WEEKLY;BYDAY=…): on these days, from … to (local time).</summary>
public sealed record AvailabilitySlot(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To);

public sealed record VolunteerRegistered(
    Guid VolunteerId, Guid StationId, string Name, string Phone, Position Home, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, Guid RegisteredBy, DateTimeOffset RegisteredAt);

public sealed record AvailabilitySet(Guid VolunteerId, IReadOnlyList<AvailabilitySlot> Slots, Guid SetBy, DateTimeOffset SetAt);

public sealed record BackgroundCheckRecorded(Guid VolunteerId, BackgroundCheckStatus Status, Guid RecordedBy, DateTimeOffset RecordedAt);

public sealed record VolunteerSuspended(Guid VolunteerId, string Reason, Guid SuspendedBy, DateTimeOffset SuspendedAt);

public sealed record VolunteerReactivated(Guid VolunteerId, Guid ReactivatedBy, DateTimeOffset ReactivatedAt);
