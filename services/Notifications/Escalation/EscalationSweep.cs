using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.Notifications.Escalation;

/// <summary>
/// An urgent notification not acknowledged by its deadline is escalated: Escalated on its stream
/// and a new urgent notification to each supervisor of the station, in one commit. The new ones'
/// ids derive from the escalated notification, so a repeated sweep creates nothing twice.
/// </summary>
public sealed class EscalationSweep(IDocumentStore store, Notifier notifier, NotificationSettings settings, ILogger<EscalationSweep> logger)
    : IPeriodicSweep
{
    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Notification> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Notification>()
                .Where(n => n.Urgency == Urgency.Urgent && n.AcknowledgedAt == null && n.EscalatedAt == null && n.AcknowledgeBy != null
                            && n.AcknowledgeBy <= now)
                .OrderBy(n => n.AcknowledgeBy).Take(200).ToListAsync(cancellationToken);
        foreach (var notification in due)
        {
            await using var session = store.LightweightSession();
            var original = Templates.Render(notification.Rule, Preferences.Chinese, notification.Parameters);
            var intent = new NotificationIntent(NotificationRules.Escalation,
                new Audience.SupervisorsOf(notification.StationId ?? Guid.Empty), Urgency.Urgent, Batching.Immediately, notification.Id,
                notification.StationId, notification.CaseId, new Dictionary<string, string>(notification.Parameters)
                {
                    ["originalRule"] = notification.Rule,
                    ["originalTitle"] = original.Title,
                    ["originalNotificationId"] = notification.Id.ToString(),
                    ["escalateAfter"] = ((int)settings.EscalateAfter.TotalMinutes).ToString(),
                });
            try
            {
                var supervisors = (await RecipientDirectory.ResolveAsync(session, intent.To, cancellationToken)).Select(r => r.Id).ToList();
                if (supervisors.Count == 0)
                    logger.LogWarning("Notification {Id} escalated but station {Station} has no supervisor in the directory",
                        notification.Id, notification.StationId);
                var escalated = await session.DecideAsync<Notification>(notification.Id,
                    state => NotificationDecider.Decide(state, new Escalate(supervisors, now)), cancellationToken, notification.Version);
                if (escalated.ChangedNothing) continue;
                // The supervisors' notifications are urgent too, but do not escalate further.
                await notifier.IssueAsync(session, [intent], now, cancellationToken, escalates: false);
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Acknowledged (or escalated by another sweeper) since it was read: nothing to do.
            }
        }
    }
}
