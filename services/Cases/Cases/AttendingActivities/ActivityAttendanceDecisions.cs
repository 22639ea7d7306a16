// A client's attendance at a group or community activity (小组/社区活动), as the case file keeps it.
namespace FiveSocieties.Cases.Cases;

/// <summary>小组活动 a small group (a painting class) or 社区活动 an event open to the community. Kept with the case file, which records the kind of every activity a client attended.</summary>
public enum ActivityKind { Group, Community }

/// <summary>
/// Appended to the client's case in the same transaction as the activity's attendance, so the
/// case timeline shows it. The title and kind are kept as they were: the timeline never loads the activity.
/// </summary>
public sealed record ActivityAttended(
    Guid CaseId, Guid ActivityId, string ActivityTitle, ActivityKind ActivityKind, DateOnly AttendedOn,
    Guid RecordedBy, DateTimeOffset RecordedAt);

public sealed record RecordActivityAttended(
    Guid CaseId, Guid ActivityId, string ActivityTitle, ActivityKind ActivityKind, DateOnly AttendedOn, Guid RecordedBy, DateTimeOffset At);

public static partial class CaseDecider
{
    /// <summary>
    /// No rule refuses it: the activity decided that the client was enrolled and attended, and a
    /// case closed since still had that afternoon.
    /// </summary>
    public static IReadOnlyList<object> Decide(Case state, RecordActivityAttended command) =>
    [
        new ActivityAttended(state.Id, command.ActivityId, command.ActivityTitle, command.ActivityKind, command.AttendedOn,
            command.RecordedBy, command.At),
    ];
}
