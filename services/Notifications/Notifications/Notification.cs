using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using JasperFx.Events;

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
    Guid? AlarmId = null)
{
    public bool AwaitsAcknowledgement => Urgency == Urgency.Urgent && AcknowledgedAt is null;

    public static Notification Create(IEvent<NotificationCreated> e)
    {
        var c = e.Data;
        return new Notification(c.NotificationId, c.RecipientId, c.RecipientKind, c.Rule, c.Urgency, c.SourceEventId, c.StationId,
            c.CaseId, c.Parameters, c.CreatedAt, c.Position, c.Planned, NextOf(c.Planned), [Channel.InApp], [], c.AcknowledgeBy?.ToUniversalTime(),
            null, null, null, e.Version, c.AlarmId);
    }

    public Notification Apply(IEvent<DeliveryAttempted> e)
    {
        var pending = e.Data.RetryAt is { } retryAt
            ? Pending.Select(p => p.Is(e.Data.Channel, e.Data.WebhookId) ? p with { NotBefore = retryAt } : p).ToList()
            : Pending;
        return this with { Pending = pending, NextDeliveryAt = NextOf(pending), Version = e.Version };
    }

    public Notification Apply(IEvent<NotificationDelivered> e)
    {
        var pending = Pending.Where(p => !p.Is(e.Data.Channel, e.Data.WebhookId)).ToList();
        return this with
        {
            Pending = pending, NextDeliveryAt = NextOf(pending),
            DeliveredOn = DeliveredOn.Contains(e.Data.Channel) ? DeliveredOn : [.. DeliveredOn, e.Data.Channel],
            Version = e.Version,
        };
    }

    public Notification Apply(IEvent<DeliveryDeadLettered> e)
    {
        var pending = Pending.Where(p => !p.Is(e.Data.Channel, e.Data.WebhookId)).ToList();
        return this with
        {
            Pending = pending, NextDeliveryAt = NextOf(pending),
            DeadLetters = [.. DeadLetters, new DeadLetter(e.Data.Channel, e.Data.WebhookId, e.Data.Reason, e.Data.At)],
            Version = e.Version,
        };
    }

    public Notification Apply(IEvent<NotificationRead> e) => this with { ReadAt = e.Data.At, Version = e.Version };

    public Notification Apply(IEvent<NotificationAcknowledged> e) =>
        this with { AcknowledgedAt = e.Data.At, ReadAt = ReadAt ?? e.Data.At, Version = e.Version };

    public Notification Apply(IEvent<NotificationEscalated> e) => this with { EscalatedAt = e.Data.At, Version = e.Version };

    // Indexed columns are timestamptz, which Npgsql writes only from UTC values.
    private static DateTimeOffset? NextOf(IReadOnlyList<PlannedDelivery> pending) =>
        pending.Count == 0 ? null : pending.Min(p => p.NotBefore).ToUniversalTime();
}
