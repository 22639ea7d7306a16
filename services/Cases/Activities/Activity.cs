using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Activities;

/// <summary>One client present on one day.</summary>
public sealed record ActivityAttendance(Guid CaseId, DateOnly AttendedOn);

/// <summary>An activity as its events made it (kept inline by Marten): what the decider needs and what GET shows.</summary>
public sealed record Activity(
    Guid Id, Guid StationId, string Title, string? Description, ActivityKind Kind, ClientGroup? TargetGroup,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, DateTimeOffset ScheduledAt, long Version)
{
    /// <summary>The enrolled clients' cases, in the order they enrolled.</summary>
    public IReadOnlyList<Guid> Enrolled { get; init; } = [];
    public IReadOnlyList<ActivityAttendance> Attendance { get; init; } = [];

    public static Activity Create(ActivityScheduled s) =>
        new(s.ActivityId, s.StationId, s.Title, s.Description, s.Kind, s.TargetGroup, s.StartsAt, s.EndsAt, s.Capacity, s.ScheduledAt, 1);

    public Activity Apply(ClientEnrolledInActivity enrolled) =>
        this with { Enrolled = [.. Enrolled, enrolled.CaseId] };

    public Activity Apply(ActivityAttendanceRecorded recorded) => this with
    {
        Attendance = [.. Attendance, .. recorded.CaseIds.Select(c => new ActivityAttendance(c, recorded.AttendedOn))],
    };
}
