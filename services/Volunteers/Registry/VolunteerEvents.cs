using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Registry;

/// <summary>Erased: their personal data was destroyed on request; their record stays for the hours and deliveries it counts.</summary>
public enum VolunteerStatus { Active, Suspended, Erased }

/// <summary>Required before any task with a child (DESIGN §3).</summary>
public enum BackgroundCheckStatus { NotChecked, Pending, Cleared, Failed }

/// <summary>A weekly recurring slot (iCal RRULE FREQ=WEEKLY;BYDAY=…): on these days, from … to (local time).</summary>
public sealed record AvailabilitySlot(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To);

/// <summary>A volunteer's own personal data: stored only sealed with their key (PersonalData), in events and documents alike.</summary>
public sealed record VolunteerPerson(string Name, string Phone, Position Home);

/// <summary>
/// <see cref="SealedPerson"/> is the volunteer's <see cref="VolunteerPerson"/> sealed with their key.
/// Events written before carried the three in plain; VolunteersSealedAndErased sealed them at the next start.
/// </summary>
public sealed record VolunteerRegistered(
    Guid VolunteerId, Guid StationId, string? SealedPerson, IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<string> Languages, bool IsSenior, int MaxLoad, Guid RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>The volunteer's personal data was erased on request (PIPL): their key is destroyed, and they are offered nothing more.</summary>
public sealed record VolunteerErased(Guid VolunteerId, Guid ErasedBy, DateTimeOffset ErasedAt);

public sealed record AvailabilitySet(Guid VolunteerId, IReadOnlyList<AvailabilitySlot> Slots, Guid SetBy, DateTimeOffset SetAt);

public sealed record BackgroundCheckRecorded(Guid VolunteerId, BackgroundCheckStatus Status, Guid RecordedBy, DateTimeOffset RecordedAt);

public sealed record VolunteerSuspended(Guid VolunteerId, string Reason, Guid SuspendedBy, DateTimeOffset SuspendedAt);

public sealed record VolunteerReactivated(Guid VolunteerId, Guid ReactivatedBy, DateTimeOffset ReactivatedAt);
