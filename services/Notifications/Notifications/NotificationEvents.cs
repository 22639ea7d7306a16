// A notification's life (DESIGN §3): Created (which is its delivery to the in-app inbox) →
// Attempted(channel, outcome) → Delivered, per webhook, e-mail and SMS (then the SMS's receipt)
// → Read / Acknowledged (which cancels an urgent one's SMS fallback not yet sent), or Escalated. Each notification is its own stream.
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Notifications;

public enum AttemptOutcome { Delivered, Failed, CircuitOpen }

/// <summary>An external delivery still to make: e-mail, or one registered webhook. Waits until <see cref="NotBefore"/> (quiet hours, circuit open).</summary>
public sealed record PlannedDelivery(Channel Channel, Guid? WebhookId, DateTimeOffset NotBefore)
{
    public bool Is(Channel channel, Guid? webhookId) => Channel == channel && WebhookId == webhookId;
}

/// <summary>
/// <see cref="Position"/> numbers the notification within its recipient's inbox (1, 2, 3, …; see
/// <c>InboxPositions</c>): the live stream's id. 0 in notifications created before inboxes were numbered.
/// An urgent notification names its alarm (<see cref="AlarmId"/>): acknowledging it acknowledges the alarm.
/// </summary>
public sealed record NotificationCreated(
    Guid NotificationId,
    Guid RecipientId,
    RecipientKind RecipientKind,
    string Rule,
    Urgency Urgency,
    Guid SourceEventId,
    Guid? StationId,
    Guid? CaseId,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<PlannedDelivery> Planned,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset CreatedAt,
    long Position = 0,
    Guid? AlarmId = null);

public sealed record DeliveryAttempted(Channel Channel, Guid? WebhookId, AttemptOutcome Outcome, int Tries, string? Detail, DateTimeOffset At,
    DateTimeOffset? RetryAt = null);

public sealed record NotificationDelivered(Channel Channel, Guid? WebhookId, DateTimeOffset At);

/// <summary>The last try failed: the delivery stops here and operators see it (GET /deliveries/failures).</summary>
public sealed record DeliveryDeadLettered(Channel Channel, Guid? WebhookId, string Reason, DateTimeOffset At);

/// <summary>
/// The SMS platform's delivery receipt for this notification's SMS (its BizId): reached the
/// handset, or not (the carrier's code). A failed one also dead-letters the SMS.
/// </summary>
public sealed record SmsReceiptRecorded(string BizId, bool Delivered, string Code, string? Message, DateTimeOffset At);

/// <summary>WeChat failed or was refused: the urgent fallback's next step (SMS) goes now rather than after its wait.</summary>
public sealed record FallbackBroughtForward(Channel Channel, DateTimeOffset NotBefore);

public sealed record NotificationRead(Guid By, DateTimeOffset At);

public sealed record NotificationAcknowledged(Guid By, DateTimeOffset At);

/// <summary>An urgent notification nobody acknowledged in time: its alarm went on to the next level's people (named here).</summary>
public sealed record NotificationEscalated(IReadOnlyList<Guid> Supervisors, DateTimeOffset At);
