using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Notifications;

/// <summary>
/// Exactly one notification per (source event, recipient, rule): its stream id is a hash of the
/// three, so a redelivered or re-published source event finds the stream already there.
/// </summary>
public static class NotificationIds
{
    // A fixed namespace: changing it would let a redelivered source event create a second notification.
    private static readonly Guid Namespace = new("5f0b7c1e-2d4a-5b6c-9e8f-0a1b2c3d4e5f");

    public static Guid For(Guid sourceEventId, Guid recipientId, string rule) =>
        NameBasedGuid.Create(Namespace, $"{sourceEventId:N}|{recipientId:N}|{rule}");
}

public sealed record CreateNotification(NotificationCreated Created);
/// <summary>The result of one delivery pass over a planned delivery (the tries happen inside it).</summary>
public sealed record RecordAttempt(Channel Channel, Guid? WebhookId, AttemptOutcome Outcome, int Tries, string? Detail,
    DateTimeOffset At, DateTimeOffset? RetryAt);
/// <summary>The platform's receipt for the SMS it accepted with <see cref="BizId"/>.</summary>
public sealed record RecordSmsReceipt(string BizId, bool Delivered, string Code, string? Message, DateTimeOffset At);
public sealed record MarkRead(Guid By, DateTimeOffset At);
public sealed record Acknowledge(Guid By, DateTimeOffset At);
/// <summary>The notification's alarm went on to the next level (<see cref="To"/>).</summary>
public sealed record Escalate(IReadOnlyList<Guid> To, DateTimeOffset At);

public static class NotificationDecider
{
    /// <summary>
    /// The inbox is written with the notification itself, so its creation is its in-app delivery:
    /// one event. (Streams written earlier also hold an in-app attempt and delivery from the same
    /// transaction; they said nothing the creation did not, yet were two thirds of the rows the hot
    /// path wrote. Such streams fold to the same state.)
    /// </summary>
    public static IReadOnlyList<object> Decide(Notification? state, CreateNotification command) =>
        state is not null ? [] : [command.Created];

    public static IReadOnlyList<object> Decide(Notification? state, RecordAttempt command)
    {
        var notification = Existing(state);
        if (!notification.Pending.Any(p => p.Is(command.Channel, command.WebhookId))) return [];
        var attempted = new DeliveryAttempted(command.Channel, command.WebhookId, command.Outcome, command.Tries, command.Detail,
            command.At, command.Outcome == AttemptOutcome.CircuitOpen ? command.RetryAt : null);
        return command.Outcome switch
        {
            AttemptOutcome.Delivered => [attempted, new NotificationDelivered(command.Channel, command.WebhookId, command.At)],
            AttemptOutcome.Failed when command.Channel == Channel.WeChat
                && notification.Pending.FirstOrDefault(p => p.Channel == Channel.Sms) is { } sms && sms.NotBefore > command.At =>
                [attempted, new DeliveryDeadLettered(command.Channel, command.WebhookId, command.Detail ?? "failed", command.At),
                    new FallbackBroughtForward(Channel.Sms, command.At)],
            AttemptOutcome.Failed => [attempted, new DeliveryDeadLettered(command.Channel, command.WebhookId,
                command.Detail ?? "failed", command.At)],
            _ => [attempted],
        };
    }

    /// <summary>Only for an SMS that went out, once: the platform pushes a receipt again when it is not answered in time.</summary>
    public static IReadOnlyList<object> Decide(Notification? state, RecordSmsReceipt command)
    {
        var notification = Existing(state);
        return notification.SmsSentAt is null || notification.SmsReceipt is not null
            ? []
            : [new SmsReceiptRecorded(command.BizId, command.Delivered, command.Code, command.Message, command.At)];
    }

    public static IReadOnlyList<object> Decide(Notification? state, MarkRead command) =>
        Existing(state).ReadAt is null ? [new NotificationRead(command.By, command.At)] : [];

    public static IReadOnlyList<object> Decide(Notification? state, Acknowledge command)
    {
        var notification = Existing(state);
        if (notification.Urgency != Urgency.Urgent)
            throw new DomainRuleViolation("notification.not-urgent", "Only urgent notifications are acknowledged; mark this one read.");
        return notification.AcknowledgedAt is null ? [new NotificationAcknowledged(command.By, command.At)] : [];
    }

    /// <summary>Only an urgent, unacknowledged, not yet escalated notification is marked escalated (its alarm decides when).</summary>
    public static IReadOnlyList<object> Decide(Notification? state, Escalate command)
    {
        var notification = Existing(state);
        return notification.AwaitsAcknowledgement && notification.EscalatedAt is null
            ? [new NotificationEscalated(command.To, command.At)]
            : [];
    }

    private static Notification Existing(Notification? state) => state ?? throw new RecordNotFound("Notification", "unknown");
}
