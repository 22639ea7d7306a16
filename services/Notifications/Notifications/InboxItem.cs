using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Notifications;

/// <summary>
/// One inbox entry as its reader sees it, in their language. <see cref="Position"/> numbers it within
/// its recipient's inbox (the live stream's id, and the inbox's order, newest first).
/// </summary>
public sealed record InboxItem(
    Guid Id, long Position, string Rule, Urgency Urgency, string Language, string Title, string Body, IReadOnlyList<string> Actions,
    Guid? CaseId, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset? EscalatedAt, long Version)
{
    public static InboxItem From(Notification n, string language)
    {
        var message = Templates.Render(n.Rule, language, n.Parameters);
        return new InboxItem(n.Id, n.Position, n.Rule, n.Urgency, message.Language, message.Title, message.Body, message.Actions, n.CaseId,
            n.Parameters, n.CreatedAt, n.ReadAt, n.AcknowledgedAt, n.AcknowledgeBy, n.EscalatedAt, n.Version);
    }
}
