using System.Linq.Expressions;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Rules;
using Marten;
using MassTransit;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>
/// One consumer per source event type of the rules table: it reads the event's intents from the
/// table and hands them to <see cref="RuleCommits"/>, which commits them with those of every
/// other source event waiting at that moment. The notification id comes from the event's own
/// EventId, so the same event re-published under another MessageId creates nothing new.
/// </summary>
public sealed class RuleConsumer<TEvent>(RuleCommits commits) : IConsumer<TEvent> where TEvent : class
{
    private static readonly Func<TEvent, Guid> EventIdOf = CompileEventId();

    public Task Consume(ConsumeContext<TEvent> context) =>
        commits.HandleAsync(context, NotificationRules.For(context.Message, EventIdOf(context.Message)));

    private static Func<TEvent, Guid> CompileEventId()
    {
        var property = typeof(TEvent).GetProperty("EventId")
                       ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no EventId: every contract carries one.");
        var parameter = Expression.Parameter(typeof(TEvent));
        return Expression.Lambda<Func<TEvent, Guid>>(Expression.Property(parameter, property), parameter).Compile();
    }
}

/// <summary>
/// The hot path (every source event): the rules' intents become notifications (or join a daily
/// digest) in the inbox's transaction, by group commit (<see cref="InboxGroupCommit{TWork}"/>):
/// the audiences of every source event waiting are resolved together and all their notifications
/// and inbox records commit at once — a few round trips per group instead of per event, and no
/// event waits for a batch to fill.
/// </summary>
public sealed class RuleCommits
{
    private readonly InboxGroupCommit<IReadOnlyList<NotificationIntent>> _group;
    private readonly Notifier _notifier;
    private readonly NotificationSettings _settings;
    private readonly TimeProvider _clock;

    public RuleCommits(IDocumentStore store, Notifier notifier, NotificationSettings settings, TimeProvider clock, ILogger<RuleCommits> logger)
    {
        (_notifier, _settings, _clock) = (notifier, settings, clock);
        _group = new InboxGroupCommit<IReadOnlyList<NotificationIntent>>(store, typeof(RuleConsumer<>), settings.RuleGroups, IssueAsync, logger);
    }

    public Task HandleAsync<TEvent>(ConsumeContext<TEvent> context, IReadOnlyList<NotificationIntent> intents) where TEvent : class =>
        _group.HandleAsync(context, intents);

    /// <summary>One group's intents, in its session: digest notes first, then the notifications.</summary>
    private async Task IssueAsync(IReadOnlyList<IReadOnlyList<NotificationIntent>> group, IDocumentSession session, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var intents = group.SelectMany(i => i).ToList();
        // A caseworker's overdue visits of one group are decided together: deciding them one by one,
        // each would see the digest as stored, without the others' notes in this same commit.
        var overdue = intents.Where(i => i.Batching == Batching.DailyDigest)
            .Select(i => (Intent: i, Caseworker: (i.To as Audience.User)?.UserId))
            .Where(d => d.Caseworker is not null && d.Intent.CaseId is not null)
            .GroupBy(d => d.Caseworker!.Value, d => d.Intent);
        foreach (var caseworker in overdue)
            await NoteInDigestAsync(session, caseworker.Key, caseworker.ToList(), now, ct);
        var immediate = intents.Where(i => i.Batching == Batching.Immediately)
            .Select(i => AlarmRaising.Prepare(i, _settings.Escalation, now)).ToList();
        var alarmsKnown = await AlarmRaising.ExistingAsync(session, immediate, ct);
        // Last: from here the recipients' inboxes are locked until the group commits.
        var issued = await _notifier.IssueAsync(session, immediate, now, ct);
        AlarmRaising.Raise(session, immediate, alarmsKnown, issued, _settings.Escalation, now);
    }

    private async Task NoteInDigestAsync(IDocumentSession session, Guid caseworker, IReadOnlyList<NotificationIntent> intents, DateTimeOffset now,
        CancellationToken ct)
    {
        var preferences = (await session.LoadAsync<Recipients.Recipient>(caseworker, ct))?.EffectivePreferences
                          ?? Recipients.Preferences.Default;
        // Today's digest if it has not gone out; a digest already sent takes nothing more, so try the next day's.
        for (var later = 0; later < 2; later++)
        {
            var (day, sendAt) = VisitDigest.DayFor(now, _settings.DigestAt, preferences.TimeZone, later);
            var id = VisitDigest.IdFor(caseworker, day);
            var notes = intents.Select(intent => new NoteOverdueVisit(id, caseworker, intent.StationId ?? Guid.Empty, day, sendAt, intent.CaseId!.Value,
                DateOnly.TryParse(intent.Parameters.GetValueOrDefault("dueOn"), out var dueOn) ? dueOn : DateOnly.FromDateTime(now.Date))).ToList();
            var sent = false;
            await session.DecideAsync<VisitDigest>(id, state =>
            {
                sent = state?.SentAt is not null;
                return VisitDigestDecider.Decide(state, notes);
            }, ct);
            if (!sent) return;
        }
    }
}

/// <summary>The rules' queue: every source event type of the table on one endpoint.</summary>
public sealed class RuleConsumerDefinition<TEvent> : ConsumerDefinition<RuleConsumer<TEvent>> where TEvent : class
{
    public const string Queue = "notifications-rules";

    public RuleConsumerDefinition() => EndpointName = Queue;
}

public static class RuleConsumers
{
    /// <summary>Registers a <see cref="RuleConsumer{TEvent}"/> for every event type the rules table names, on one queue.</summary>
    public static void AddRuleConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var type in NotificationRules.SourceEventTypes)
            bus.AddConsumer(typeof(RuleConsumer<>).MakeGenericType(type), typeof(RuleConsumerDefinition<>).MakeGenericType(type));
    }
}
