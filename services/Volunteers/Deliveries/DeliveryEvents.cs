using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Deliveries;

public enum DeliveryStatus { Scheduled, Offered, Accepted, PickedUp, Completed, Missed, Cancelled, Unassigned }

public enum CancellationCause { RecipientRefused, EnrolmentEnded, ReferralCancelled }

/// <summary>Where the household's evening-before confirmation of a meal stands.</summary>
public enum RecipientConfirmation { NotAsked, NotSent, NoAnswer, Confirmed, Skipped }

/// <summary>Which task an event is about, carried by the events other services hear of (the relay maps each event on its own).</summary>
public sealed record DeliveryRef(
    Guid CaseId, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, VolunteerTaskKind Kind = VolunteerTaskKind.MealDelivery);

/// <summary>
/// One task on one day (local window): a meal for one household, picked up at the canteen, or a
/// companionship visit (陪伴探访) worth <paramref name="Hours"/> in the time bank.
/// </summary>
public sealed record DeliveryScheduled(
    Guid DeliveryId, Guid CaseId, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo,
    DateTimeOffset StartsAt, Position? Canteen, bool ChildFacing, DateTimeOffset ScheduledAt,
    VolunteerTaskKind Kind = VolunteerTaskKind.MealDelivery, decimal Hours = 0);

public sealed record DeliveryOffered(Guid DeliveryId, DeliveryRef Ref, Guid VolunteerId, int RouteStop, DateTimeOffset RespondBy, DateTimeOffset OfferedAt);

/// <summary>
/// The volunteer's own answers (accepted, declined, picked up, completed, missed) carry the phone's
/// action id and when they reached us: their own time is when they happened, perhaps offline.
/// </summary>
public sealed record DeliveryAccepted(Guid DeliveryId, Guid VolunteerId, DateTimeOffset AcceptedAt, Guid? ActionId = null, DateTimeOffset? RecordedAt = null);

public sealed record DeliveryDeclined(Guid DeliveryId, Guid VolunteerId, DateTimeOffset DeclinedAt, Guid? ActionId = null, DateTimeOffset? RecordedAt = null);

/// <summary>The volunteer did not answer by the respond-by time.</summary>
public sealed record DeliveryOfferExpired(Guid DeliveryId, Guid VolunteerId, DateTimeOffset ExpiredAt);

/// <summary>The volunteer accepted but had not picked the meal up when the window opened.</summary>
public sealed record VolunteerNoShow(Guid DeliveryId, Guid VolunteerId, DateTimeOffset NotedAt);

public sealed record DeliveryDispatchFailed(Guid DeliveryId, DeliveryRef Ref, DispatchFailureReason Reason, DateTimeOffset FailedAt);

public sealed record DeliveryPickedUp(Guid DeliveryId, Guid VolunteerId, DateTimeOffset PickedUpAt, Guid? ActionId = null, DateTimeOffset? RecordedAt = null);

public sealed record DeliveryCompleted(
    Guid DeliveryId, DeliveryRef Ref, Guid VolunteerId, Wellbeing Wellbeing, string? ConcernNote, DateTimeOffset CompletedAt, decimal Hours = 0,
    Guid? ActionId = null, DateTimeOffset? RecordedAt = null);

public sealed record DeliveryMissed(
    Guid DeliveryId, DeliveryRef Ref, Guid? VolunteerId, MissReason Reason, bool LivesAlone, DateTimeOffset MissedAt,
    Guid? ActionId = null, DateTimeOffset? RecordedAt = null);

/// <summary>Not a miss: the recipient refused the day ahead, or the enrolment ended.</summary>
public sealed record DeliveryCancelled(Guid DeliveryId, CancellationCause Cause, DateTimeOffset CancelledAt);

/// <summary>The day before: the assigned volunteer is reminded.</summary>
public sealed record DeliveryReminderSent(Guid DeliveryId, DeliveryRef Ref, Guid VolunteerId, DateTimeOffset SentAt);

/// <summary>
/// A coordinator took the delivery from <paramref name="FromVolunteerId"/> (null when nobody held it) and
/// gave it to <paramref name="ToVolunteerId"/>, whose offer follows as a <see cref="DeliveryOffered"/>.
/// The previous volunteer's task ends: what they send for it afterwards is refused, never recorded.
/// </summary>
public sealed record DeliveryReassigned(
    Guid DeliveryId, DeliveryRef Ref, Guid? FromVolunteerId, Guid ToVolunteerId, Guid ReassignedBy, string? Reason, DateTimeOffset ReassignedAt);

/// <summary>
/// The evening before, the household was texted to confirm or skip tomorrow's meal (回复1确认，回复2不需要).
/// Recorded before the SMS goes, so a delivery is asked at most once whatever crashes between.
/// </summary>
public sealed record DeliveryConfirmationAsked(Guid DeliveryId, DeliveryRef Ref, DateTimeOffset AskedAt);

/// <summary>The platform refused the evening-before SMS (its error code): the household was not asked after all.</summary>
public sealed record DeliveryConfirmationNotSent(Guid DeliveryId, string Code, DateTimeOffset At);

/// <summary>The household replied 1: tomorrow's meal is wanted.</summary>
public sealed record DeliveryConfirmedByRecipient(Guid DeliveryId, DeliveryRef Ref, DateTimeOffset ConfirmedAt);

/// <summary>
/// The household replied 2: no meal tomorrow. The delivery is cancelled before it sets out, and the
/// volunteer who held it (<paramref name="VolunteerId"/>, if any) is released and told.
/// </summary>
public sealed record DeliverySkippedByRecipient(Guid DeliveryId, DeliveryRef Ref, Guid? VolunteerId, DateTimeOffset SkippedAt);
