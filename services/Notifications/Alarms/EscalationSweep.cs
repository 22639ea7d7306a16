using System.Diagnostics.Metrics;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.Notifications.Alarms;

/// <summary>
/// Moves due alarms up their escalation chains: resolves who is on each level now (the roster as
/// the directory follows it), lets <see cref="AlarmDecider"/> decide, and in the same commit tells
/// the level reached and marks the earlier levels' notifications escalated. Alarms that reached
/// nobody are looked at on every sweep until someone joins a level of their chain.
/// </summary>
public sealed class EscalationSweep(
    IDocumentStore store, Notifier notifier, NotificationSettings settings, LocalCalendar calendar, ILogger<EscalationSweep> logger)
    : IPeriodicSweep
{
    public const string MeterName = "FiveSocieties.Alarms";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Unreached = Meter.CreateCounter<long>("fivesoc.alarms.unreached",
        description: "Urgent alarms whose whole escalation chain had nobody on it: open, on the dashboards, tried again every sweep.");
    private static readonly Counter<long> LevelsReached = Meter.CreateCounter<long>("fivesoc.alarms.levels_reached",
        description: "Escalation levels an alarm reached (level 0 is counted when the rule's own audience was empty at first).");

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Alarm> due, waiting;
        await using (var query = store.QuerySession())
        {
            // Due ones first and apart: alarms waiting for someone to join their chain must never hold them back.
            due = await query.Query<Alarm>().Where(a => a.AcknowledgedAt == null && a.NextStepAt != null && a.NextStepAt <= now)
                .OrderBy(a => a.NextStepAt).Take(200).ToListAsync(cancellationToken);
            waiting = await query.Query<Alarm>().Where(a => a.AcknowledgedAt == null && a.AwaitingPeople)
                .OrderBy(a => a.RaisedAt).Take(100).ToListAsync(cancellationToken);
        }
        foreach (var alarm in due.Concat(waiting))
        {
            try
            {
                await AdvanceAsync(alarm, now, cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Acknowledged (or moved by another sweeper) since it was read: the next sweep sees it as it is.
            }
        }
    }

    private async Task AdvanceAsync(Alarm alarm, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var levels = await LevelsNowAsync(session, alarm, ct);
        var decision = await session.DecideAsync<Alarm>(alarm.Id, state => AlarmDecider.Decide(state, new AdvanceAlarm(levels, now)), ct,
            alarm.Version);
        if (decision.ChangedNothing) return;

        if (decision.Events.OfType<AlarmLevelReached>().SingleOrDefault() is { } reached)
        {
            foreach (var told in NotificationsOf(alarm))
                await session.DecideAsync<Notification>(told,
                    state => state is null ? [] : NotificationDecider.Decide(state, new Escalate(reached.Recipients, now)), ct);
            LevelsReached.Add(1, new KeyValuePair<string, object?>("rule", alarm.Rule), new KeyValuePair<string, object?>("level", reached.Level));
            // Last: from here the recipients' inboxes are locked until the commit.
            await notifier.IssueAsync(session, IntentsFor(alarm, reached, calendar), now, ct);
        }
        if (decision.Events.Any(e => e is AlarmUnreached))
        {
            Unreached.Add(1, new KeyValuePair<string, object?>("rule", alarm.Rule));
            logger.LogWarning("Alarm {AlarmId} ({Rule}) of station {StationId} reached nobody: no one is on any level of its chain. " +
                              "It stays open on the dashboards and is tried again on every sweep", alarm.Id, alarm.Rule, alarm.StationId);
        }
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Each level of the alarm's chain with who is on it now; level 0 is whom the rule addressed.</summary>
    private async Task<IReadOnlyList<LevelNow>> LevelsNowAsync(IQuerySession session, Alarm alarm, CancellationToken ct)
    {
        var levels = new List<LevelNow>
        {
            new(alarm.FirstAudience, TimeSpan.Zero, alarm.FirstAudience == AlarmAudience.RuleAudience
                ? alarm.FirstRecipients
                : await OnDutyAsync(session, alarm.StationId, alarm.FirstAudience, ct)),
        };
        foreach (var level in settings.Escalation.LevelsFor(alarm.Rule))
            levels.Add(new LevelNow(level.To, level.After, await OnDutyAsync(session, alarm.StationId, level.To, ct)));
        return levels;
    }

    private static async Task<IReadOnlyList<Guid>> OnDutyAsync(IQuerySession session, Guid? stationId, AlarmAudience audience, CancellationToken ct)
    {
        if (stationId is not { } station || station == Guid.Empty) return [];
        switch (audience)
        {
            case AlarmAudience.StationSupervisors:
                return await session.Query<Recipient>().Where(r => r.StationId == station && r.Kind == RecipientKind.Supervisor)
                    .Select(r => r.Id).ToListAsync(ct);
            case AlarmAudience.StationCoordinators:
                return await session.Query<Recipient>().Where(r => r.StationId == station && r.Kind == RecipientKind.Coordinator)
                    .Select(r => r.Id).ToListAsync(ct);
            case AlarmAudience.DistrictOfficers:
                var place = await session.LoadAsync<StationPlace>(station, ct);
                if (place is null) return [];
                return await session.Query<Recipient>().Where(r => r.DistrictCode == place.DistrictCode && r.Kind == RecipientKind.DistrictOfficer)
                    .Select(r => r.Id).ToListAsync(ct);
            default:
                return [];
        }
    }

    /// <summary>The notifications of the levels told so far (each level's have ids that follow from the alarm).</summary>
    private static IEnumerable<Guid> NotificationsOf(Alarm alarm) =>
        alarm.Reached.SelectMany(step => step.Recipients.Select(r => step.Level == 0
            ? NotificationIds.For(alarm.SourceEventId, r, alarm.Rule)
            : NotificationIds.For(AlarmIds.LevelSource(alarm.Id, step.Level), r, NotificationRules.Escalation)));

    /// <summary>
    /// What the level reached is told: level 0 (found on a retry) hears the rule itself; a later
    /// level hears that it was escalated, and what.
    /// </summary>
    private static IEnumerable<NotificationIntent> IntentsFor(Alarm alarm, AlarmLevelReached reached, LocalCalendar calendar)
    {
        var kind = reached.Audience switch
        {
            AlarmAudience.StationSupervisors => RecipientKind.Supervisor,
            AlarmAudience.StationCoordinators => RecipientKind.Coordinator,
            AlarmAudience.DistrictOfficers => RecipientKind.DistrictOfficer,
            _ => RecipientKind.Caseworker,
        };
        if (reached.Level == 0)
            return reached.Recipients.Select(r => new NotificationIntent(alarm.Rule, new Audience.User(r, kind), Urgency.Urgent,
                Batching.Immediately, alarm.SourceEventId, alarm.StationId, alarm.CaseId, alarm.Parameters, alarm.Id, reached.NextLevelAt));
        var original = Templates.Render(alarm.Rule, Preferences.Chinese, alarm.Parameters);
        var parameters = new Dictionary<string, string>(alarm.Parameters)
        {
            ["originalRule"] = alarm.Rule,
            ["originalTitle"] = original.Title,
            ["alarmId"] = alarm.Id.ToString(),
            ["level"] = reached.Level.ToString(),
            ["raisedAt"] = calendar.Local(alarm.RaisedAt).ToString("yyyy-MM-dd HH:mm"),
        };
        return reached.Recipients.Select(r => new NotificationIntent(NotificationRules.Escalation, new Audience.User(r, kind), Urgency.Urgent,
            Batching.Immediately, AlarmIds.LevelSource(alarm.Id, reached.Level), alarm.StationId, alarm.CaseId, parameters, alarm.Id,
            reached.NextLevelAt));
    }
}
