// The private history of group and community activities (小组/社区活动). Activities are the
// station's own business: nothing here is published to the other services.
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Activities;

/// <summary>A station planned an activity. A null target group welcomes elderly clients and children alike.</summary>
public sealed record ActivityScheduled(
    Guid ActivityId, Guid StationId, string Title, string? Description, ActivityKind Kind, ClientGroup? TargetGroup,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, Guid ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>
/// A client took one of the places. Recorded on the activity's stream, whose version guards the
/// capacity: two enrolments racing for the last place cannot both append.
/// </summary>
public sealed record ClientEnrolledInActivity(Guid ActivityId, Guid CaseId, Guid EnrolledBy, DateTimeOffset EnrolledAt);

/// <summary>Enrolled clients came on that day; only those not already recorded for the day are listed.</summary>
public sealed record ActivityAttendanceRecorded(
    Guid ActivityId, DateOnly AttendedOn, IReadOnlyList<Guid> CaseIds, Guid RecordedBy, DateTimeOffset RecordedAt);
