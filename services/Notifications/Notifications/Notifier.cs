using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Notifications;

/// <summary>
/// Turns a rule's intents into notification streams in the caller's session: resolves the
/// audience, plans the external deliveries (webhooks of the owner, e-mail when preferred, held
/// back by quiet hours unless urgent), sets the acknowledgement deadline of urgent ones. The
/// deterministic id makes a repeat of the same source event change nothing.
/// </summary>
public sealed class Notifier(NotificationSettings settings)
{
    public async Task<IReadOnlyList<Guid>> IssueAsync(IDocumentSession session, IEnumerable<NotificationIntent> intents, DateTimeOffset now,
        CancellationToken ct, bool escalates = true)
    {
        var issued = new List<Guid>();
        foreach (var intent in intents)
        foreach (var recipient in await RecipientDirectory.ResolveAsync(session, intent.To, ct))
        {
            var id = NotificationIds.For(intent.SourceEventId, recipient.Id, intent.Rule);
            var notBefore = QuietHours.NotBefore(recipient.Preferences, intent.Urgency, now);
            var planned = new List<PlannedDelivery>();
            var webhooks = await session.Query<Webhook>().Where(w => w.OwnerId == recipient.Id).ToListAsync(ct);
            planned.AddRange(webhooks.OrderBy(w => w.RegisteredAt).Select(w => new PlannedDelivery(Channel.Webhook, w.Id, notBefore)));
            if (recipient.Preferences.Wants(Channel.Email) && !string.IsNullOrEmpty(recipient.Preferences.Email))
                planned.Add(new PlannedDelivery(Channel.Email, null, notBefore));
            var acknowledgeBy = intent.Urgency == Urgency.Urgent && escalates ? now + settings.EscalateAfter : (DateTimeOffset?)null;
            var created = new NotificationCreated(id, recipient.Id, recipient.Kind, intent.Rule, intent.Urgency, intent.SourceEventId,
                intent.StationId, intent.CaseId, intent.Parameters, planned, acknowledgeBy, now);
            var decision = await session.DecideAsync<Notification>(id, state => NotificationDecider.Decide(state, new CreateNotification(created)), ct);
            if (!decision.ChangedNothing) issued.Add(id);
        }
        return issued;
    }
}
