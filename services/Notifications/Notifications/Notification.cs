using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Notifications;

public sealed record DeadLetter(Channel Channel, Guid? WebhookId, string Reason, DateTimeOffset At);

/// <summary>
/// A notification's state, kept inline as the inbox's document. <see cref="Position"/> is its
/// number within its recipient's inbox: the inbox's order, and where the live stream resumes from.
/// </summary>
public sealed record Notification(
    Guid Id,
    Guid RecipientId,
    RecipientKind RecipientKind,
    string Rule,
    Urgency Urgency,
    Guid SourceEventId,
    Guid? StationId,
    Guid? CaseId,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset CreatedAt,
    long Position,
    IReadOnlyList<PlannedDelivery> Pending,
    DateTimeOffset? NextDeliveryAt,
    IReadOnlyList<Channel> DeliveredOn,
    IReadOnlyList<DeadLetter> DeadLetters,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? EscalatedAt,
    long Version,
    Guid? AlarmId = null,
    DateTimeOffset? SmsSentAt = null,
    string? SmsReceipt = null)
{
    public bool AwaitsAcknowledgement => Urgency == Urgency.Urgent && AcknowledgedAt is null;

    public static Notification Create(NotificationCreated c) =>
        new(c.NotificationId, c.RecipientId, c.RecipientKind, c.Rule, c.Urgency, c.SourceEventId, c.StationId,
            c.CaseId, c.Parameters, c.CreatedAt, c.Position, c.Planned, NextOf(c.Planned), [Channel.InApp], [], c.AcknowledgeBy?.ToUniversalTime(),
            null, null, null, 1, c.AlarmId);

    public Notification Apply(DeliveryAttempted e)
    {
        var pending = e.RetryAt is { } retryAt
            ? Pending.Select(p => p.Is(e.Channel, e.WebhookId) ? p with { NotBefore = retryAt } : p).ToList()
            : Pending;
        return this with { Pending = pending, NextDeliveryAt = NextOf(pending) };
    }

    public Notification Apply(NotificationDelivered e)
    {
        var pending = Pending.Where(p => !p.Is(e.Channel, e.WebhookId)).ToList();
        return this with
        {
            Pending = pending, NextDeliveryAt = NextOf(pending),
            DeliveredOn = DeliveredOn.Contains(e.Channel) ? DeliveredOn : [.. DeliveredOn, e.Channel],
            SmsSentAt = e.Channel == Channel.Sms ? e.At.ToUniversalTime() : SmsSentAt,
        };
    }

    public Notification Apply(SmsReceiptRecorded e) => e.Delivered
        ? this with { SmsReceipt = e.Code }
        : this with { SmsReceipt = e.Code, DeadLetters = [.. DeadLetters, new DeadLetter(Channel.Sms, null, $"receipt {e.Code}: {e.Message}", e.At)] };

    public Notification Apply(DeliveryDeadLettered e)
    {
        var pending = Pending.Where(p => !p.Is(e.Channel, e.WebhookId)).ToList();
        return this with
        {
            Pending = pending, NextDeliveryAt = NextOf(pending),
            DeadLetters = [.. DeadLetters, new DeadLetter(e.Channel, e.WebhookId, e.Reason, e.At)],
        };
    }

    public Notification Apply(FallbackBroughtForward e)
    {
        var pending = Pending.Select(p => p.Is(e.Channel, null) ? p with { NotBefore = e.NotBefore } : p).ToList();
        return this with { Pending = pending, NextDeliveryAt = NextOf(pending) };
    }

    public Notification Apply(NotificationRead e) => this with { ReadAt = e.At };

    /// <summary>Acknowledged: the WeChat and SMS fallback not yet sent is no longer needed.</summary>
    public Notification Apply(NotificationAcknowledged e)
    {
        var pending = Pending.Where(p => p.Channel is not (Channel.Sms or Channel.WeChat)).ToList();
        return this with { AcknowledgedAt = e.At, ReadAt = ReadAt ?? e.At, Pending = pending, NextDeliveryAt = NextOf(pending) };
    }

    public Notification Apply(NotificationEscalated e) => this with { EscalatedAt = e.At };

    // Indexed columns are timestamptz, which Npgsql writes only from UTC values.
    private static DateTimeOffset? NextOf(IReadOnlyList<PlannedDelivery> pending) =>
        pending.Count == 0 ? null : pending.Min(p => p.NotBefore).ToUniversalTime();
}
