// Integration events published by the Volunteers service (DESIGN §5): ids, never personal data.
// VolunteerRegistered's Name and Phone are sent empty since volunteers' data is sealed (issue 27):
// no consumer kept them, and a volunteer erased later must not live on in another service.
namespace FiveSocieties.Contracts.V1;

public enum VolunteerSkill { MealDelivery, Companionship, Tutoring, Cleaning, Escort }

public enum VolunteerTaskKind { MealDelivery, CompanionshipVisit }

public sealed record VolunteerRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VolunteerId,
    Guid StationId,
    string Name,
    string Phone,
    IReadOnlyList<VolunteerSkill> Skills,
    bool IsSenior);

/// <summary>A volunteer's personal data was erased on their request; every service deletes what it holds of them.</summary>
public sealed record VolunteerErased(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VolunteerId);

/// <summary>A task was offered to a volunteer, who must accept or decline by <see cref="RespondBy"/>.</summary>
public sealed record VolunteerDispatched(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid TaskId,
    VolunteerTaskKind Kind,
    Guid VolunteerId,
    Guid StationId,
    Guid CaseId,
    DateOnly Date,
    TimeOnly WindowFrom,
    TimeOnly WindowTo,
    int RouteStop,
    DateTimeOffset RespondBy);

/// <summary>
/// A coordinator took a task from the volunteer who held it and gave it to someone else: the
/// volunteer is told, so that nobody sets out with a meal that is no longer theirs to carry.
/// </summary>
public sealed record VolunteerTaskReassigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid TaskId,
    VolunteerTaskKind Kind,
    Guid VolunteerId,
    Guid StationId,
    DateOnly Date,
    TimeOnly WindowFrom,
    TimeOnly WindowTo);

/// <summary>
/// The household replied to the evening-before SMS that it wants no meal on <see cref="Date"/>: the
/// task is cancelled before it sets out. The volunteer who held it (if anyone did) and the station's
/// coordinators are told.
/// </summary>
public sealed record DeliverySkippedByRecipient(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid TaskId,
    Guid CaseId,
    Guid StationId,
    Guid? VolunteerId,
    DateOnly Date,
    TimeOnly WindowFrom,
    TimeOnly WindowTo);

public enum DispatchFailureReason { NoVolunteerAvailable, AllVolunteersDeclined }

/// <summary>Nobody can take a task: the station coordinator must act.</summary>
public sealed record DispatchFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid TaskId,
    VolunteerTaskKind Kind,
    Guid StationId,
    Guid CaseId,
    DateOnly Date,
    DispatchFailureReason Reason);

/// <summary>The day before: remind the assigned volunteer.</summary>
public sealed record DeliveryReminderDue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid TaskId,
    VolunteerTaskKind Kind,
    Guid VolunteerId,
    Guid StationId,
    DateOnly Date,
    TimeOnly WindowFrom,
    TimeOnly WindowTo);

public enum Wellbeing { Fine, Concern }

/// <summary>
/// A meal was delivered. A concern note, when there is one, is the volunteer's observation for the
/// client's own case file; only Cases keeps it.
/// </summary>
public sealed record DeliveryCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid DeliveryId,
    Guid CaseId,
    Guid StationId,
    Guid VolunteerId,
    DateOnly Date,
    Wellbeing Wellbeing,
    string? ConcernNote);

/// <summary>Why a meal did not reach the client; <c>Unwell</c> and <c>Other</c> came with the volunteer's phone app (added at the end: an addition, not a change).</summary>
public enum MissReason { NoAnswerAtDoor, RecipientAway, Refused, VolunteerNoShow, Unwell, Other }

/// <summary>A meal did not reach the client. For someone who lives alone this is an urgent alarm.</summary>
public sealed record DeliveryMissed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid DeliveryId,
    Guid CaseId,
    Guid StationId,
    Guid? VolunteerId,
    DateOnly Date,
    MissReason Reason,
    bool LivesAlone);

/// <summary>A volunteer's companionship visit took place; Cases counts it as a visit.</summary>
public sealed record VisitCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid VisitTaskId,
    Guid CaseId,
    Guid StationId,
    Guid VolunteerId,
    DateOnly Date,
    decimal Hours,
    Wellbeing Wellbeing,
    string? ConcernNote);

public enum HoursSource { Delivery, Visit, Reported }

/// <summary>
/// 查阅留痕: a recipient's name, address and phone were shown to <paramref name="ReaderId"/>, on a
/// volunteer's task (<paramref name="DeliveryId"/>) or, where <paramref name="Where"/> says
/// "meal-enrolments", on the station's list of enrolments (no task), or "dispatch-map", their home's
/// place to about 100 m on the dispatch board's map (the delivery, no volunteer). Ids and role codes
/// only: Cases puts it on the case's access audit, so one audit lists every read of the person's
/// data. Where is null from a publisher that knew only tasks.
/// </summary>
public sealed record RecipientDetailsShown(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid DeliveryId,
    Guid VolunteerId,
    Guid ReaderId,
    IReadOnlyList<string> ReaderRoles,
    string? Where = null);

/// <summary>
/// 查阅留痕: a volunteer's personal data was read by someone other than them — their record
/// (<paramref name="What"/> "volunteer-record", <paramref name="VolunteerId"/>) or the station's list
/// of names ("volunteer-list", <paramref name="Shown"/> of them), or the names and distances a coordinator
/// was offered to reassign a delivery ("reassign-candidates"). Cases puts it on the station's access audit.
/// </summary>
public sealed record VolunteerRecordRead(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid StationId,
    Guid? VolunteerId,
    string What,
    int Shown,
    Guid ReaderId,
    IReadOnlyList<string> ReaderRoles);

/// <summary>时间银行: hours were credited to a volunteer (the station pool was debited the same).</summary>
public sealed record VolunteerHoursCredited(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EntryId,
    Guid VolunteerId,
    Guid StationId,
    decimal Hours,
    HoursSource Source,
    Guid? TaskId);
