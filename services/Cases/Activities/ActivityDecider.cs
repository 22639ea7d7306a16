using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Activities;

public sealed record ScheduleActivity(
    Guid ActivityId, Guid StationId, string Title, string? Description, ActivityKind Kind, ClientGroup? TargetGroup,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, Guid ScheduledBy, DateTimeOffset At);

/// <summary>The client's case as the enrolment needs it, read by the endpoint from the case file.</summary>
public sealed record EnrolClient(
    Guid ActivityId, Guid CaseId, Guid CaseStationId, ClientGroup ClientGroup, bool CaseClosed, Guid EnrolledBy, DateTimeOffset At);

public sealed record RecordAttendance(Guid ActivityId, IReadOnlyList<Guid> CaseIds, DateOnly AttendedOn, Guid RecordedBy, DateTimeOffset At);

/// <summary>
/// What may happen to an activity's own stream. Pure: the case facts an enrolment depends on
/// come in the command; the capacity holds because every enrolment appends to this one stream.
/// </summary>
public static class ActivityDecider
{
    public static IReadOnlyList<object> Decide(Activity? state, ScheduleActivity command)
    {
        if (state is not null)
        {
            // A client retrying with its own id gets the same activity, not a second one.
            var same = state.StationId == command.StationId && state.Title == command.Title && state.Description == command.Description
                && state.Kind == command.Kind && state.TargetGroup == command.TargetGroup && state.StartsAt == command.StartsAt
                && state.EndsAt == command.EndsAt && state.Capacity == command.Capacity;
            return same ? [] : throw new DomainRuleViolation("activity.id-taken", $"Activity {command.ActivityId} already exists with other details.");
        }
        if (command.EndsAt <= command.StartsAt)
            throw new DomainRuleViolation("activity.ends-before-start", "An activity must end after it starts.");
        return
        [
            new ActivityScheduled(command.ActivityId, command.StationId, command.Title, command.Description, command.Kind,
                command.TargetGroup, command.StartsAt, command.EndsAt, command.Capacity, command.ScheduledBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Activity? state, EnrolClient command)
    {
        if (state is null) throw new RecordNotFound("Activity", command.ActivityId);
        // Another station's client does not exist for this activity (404, not 422: nothing leaks).
        if (command.CaseStationId != state.StationId) throw new RecordNotFound("Case", command.CaseId);
        if (state.Enrolled.Contains(command.CaseId)) return [];
        if (command.CaseClosed)
            throw new DomainRuleViolation("activity.case-closed", "A client whose case is closed cannot enrol; reopen the case first.");
        if (state.TargetGroup is { } group && group != command.ClientGroup)
            throw new DomainRuleViolation("activity.wrong-group",
                $"The activity is for clients in group {group}; this client is in group {command.ClientGroup}.");
        if (command.At >= state.EndsAt)
            throw new DomainRuleViolation("activity.over", "The activity has ended; nobody can enrol any more.");
        if (state.Enrolled.Count >= state.Capacity)
            throw new DomainRuleViolation("activity.full", $"All {state.Capacity} places are taken.");
        return [new ClientEnrolledInActivity(state.Id, command.CaseId, command.EnrolledBy, command.At)];
    }

    /// <summary>Attendance already recorded for a client on that day is not recorded twice. Days are the stations' calendar days.</summary>
    public static IReadOnlyList<object> Decide(Activity? state, RecordAttendance command, LocalCalendar calendar)
    {
        if (state is null) throw new RecordNotFound("Activity", command.ActivityId);
        var strangers = command.CaseIds.Where(c => !state.Enrolled.Contains(c)).Distinct().ToList();
        if (strangers.Count > 0)
            throw new DomainRuleViolation("activity.not-enrolled",
                $"Only enrolled clients can attend; not enrolled: {string.Join(", ", strangers)}.");
        var (firstDay, lastDay) = (calendar.Today(state.StartsAt), calendar.Today(state.EndsAt));
        if (command.AttendedOn < firstDay || command.AttendedOn > lastDay)
            throw new DomainRuleViolation("activity.not-on-that-day",
                $"The activity runs from {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}, not on {command.AttendedOn:yyyy-MM-dd}.");
        if (command.AttendedOn > calendar.Today(command.At))
            throw new DomainRuleViolation("activity.attendance-in-future", "Attendance is recorded after the day, not before it.");
        var present = command.CaseIds.Distinct()
            .Where(c => !state.Attendance.Contains(new ActivityAttendance(c, command.AttendedOn)))
            .ToList();
        return present.Count == 0
            ? []
            : [new ActivityAttendanceRecorded(state.Id, command.AttendedOn, present, command.RecordedBy, command.At)];
    }
}
