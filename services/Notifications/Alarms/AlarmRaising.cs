using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>
/// Where the rules' urgent intents become alarms, in the rules' own commit: each urgent
/// notification names its alarm and when the next level is told; the alarm records whom level 0
/// reached — possibly nobody, and then the sweep passes it straight on.
/// </summary>
public static class AlarmRaising
{
    public static NotificationIntent Prepare(NotificationIntent intent, EscalationSettings settings, DateTimeOffset now) =>
        intent.Urgency != Urgency.Urgent || intent.AlarmId is not null
            ? intent
            : intent with
            {
                AlarmId = AlarmIds.For(intent.SourceEventId, intent.Rule),
                AcknowledgeBy = settings.LevelsFor(intent.Rule) is [var next, ..] ? now + next.After : null,
            };

    /// <summary>Which of the intents' alarms exist already (a redelivered source event): read before the inboxes are locked.</summary>
    public static async Task<IReadOnlySet<Guid>> ExistingAsync(IQuerySession session, IReadOnlyList<NotificationIntent> intents, CancellationToken ct)
    {
        var ids = intents.Where(i => i.AlarmId is not null).Select(i => i.AlarmId!.Value).Distinct().ToArray();
        return ids.Length == 0 ? new HashSet<Guid>() : (await session.LoadManyAsync<Alarm>(ct, ids)).Select(a => a.Id).ToHashSet();
    }

    public static void Raise(IDocumentSession session, IReadOnlyList<NotificationIntent> intents, IReadOnlySet<Guid> existing,
        IssuedNotifications issued, EscalationSettings settings, DateTimeOffset now)
    {
        foreach (var intent in intents.Where(i => i.AlarmId is not null).DistinctBy(i => i.AlarmId))
        {
            var id = intent.AlarmId!.Value;
            if (existing.Contains(id)) continue;
            var first = intent.To is Audience.SupervisorsOf ? AlarmAudience.StationSupervisors : AlarmAudience.RuleAudience;
            var events = AlarmDecider.Decide(null, new RaiseAlarm(id, intent.Rule, intent.SourceEventId, intent.StationId, intent.CaseId,
                intent.Parameters, first, issued.RecipientsOf(intent), settings.LevelsFor(intent.Rule).FirstOrDefault()?.After, now));
            session.Events.StartStream<Alarm>(id, events);
        }
    }
}
