using System.Linq.Expressions;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Rules;
using Marten;
using MassTransit;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>
/// One consumer per source event type of the rules table: the rules' intents become notifications
/// (or join a daily digest) in the inbox's transaction. The notification id comes from the
/// event's own EventId, so the same event re-published under another MessageId creates nothing new.
///
/// This is the hot path, so it takes the events in batches (<see cref="RuleConsumerDefinition{TEvent}"/>):
/// the audiences of the whole batch are resolved together and all its notifications and inbox
/// records commit at once — a few round trips per batch instead of per event.
/// </summary>
public sealed class RuleConsumer<TEvent>(IDocumentStore store, Notifier notifier, NotificationSettings settings, TimeProvider clock)
    : InboxBatchConsumer<TEvent>(store) where TEvent : class
{
    private static readonly Func<TEvent, Guid> EventIdOf = CompileEventId();

    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<TEvent>> messages, IDocumentSession session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var intents = messages.SelectMany(m => NotificationRules.For(m.Message, EventIdOf(m.Message))).ToList();
        foreach (var intent in intents.Where(i => i.Batching == Batching.DailyDigest))
            await NoteInDigestAsync(session, intent, now, ct);
        // Last: from here the recipients' inboxes are locked until the batch commits.
        await notifier.IssueAsync(session, intents.Where(i => i.Batching == Batching.Immediately), now, ct);
    }

    private async Task NoteInDigestAsync(IDocumentSession session, NotificationIntent intent, DateTimeOffset now, CancellationToken ct)
    {
        if (intent.To is not Audience.User caseworker || intent.CaseId is not { } caseId) return;
        var preferences = (await session.LoadAsync<Recipients.Recipient>(caseworker.UserId, ct))?.EffectivePreferences
                          ?? Recipients.Preferences.Default;
        var dueOn = DateOnly.TryParse(intent.Parameters.GetValueOrDefault("dueOn"), out var d) ? d : DateOnly.FromDateTime(now.Date);
        // Today's digest if it has not gone out; a digest already sent takes nothing more, so try the next day's.
        for (var later = 0; later < 2; later++)
        {
            var (day, sendAt) = VisitDigest.DayFor(now, settings.DigestAt, preferences.TimeZone, later);
            var id = VisitDigest.IdFor(caseworker.UserId, day);
            var sent = false;
            await session.DecideAsync<VisitDigest>(id, state =>
            {
                sent = state?.SentAt is not null;
                return VisitDigestDecider.Decide(state, new NoteOverdueVisit(id, caseworker.UserId, intent.StationId ?? Guid.Empty, day, sendAt, caseId, dueOn));
            }, ct);
            if (!sent) return;
        }
    }

    private static Func<TEvent, Guid> CompileEventId()
    {
        var property = typeof(TEvent).GetProperty("EventId")
                       ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no EventId: every contract carries one.");
        var parameter = Expression.Parameter(typeof(TEvent));
        return Expression.Lambda<Func<TEvent, Guid>>(Expression.Property(parameter, property), parameter).Compile();
    }
}

/// <summary>
/// The rules' queue and batches: a batch goes as soon as it is full or <see cref="RuleBatchSettings.TimeLimit"/>
/// after its first event (the latency a quiet queue pays), a few batches at once.
/// </summary>
public sealed class RuleConsumerDefinition<TEvent> : ConsumerDefinition<RuleConsumer<TEvent>> where TEvent : class
{
    public const string Queue = "notifications-rules";
    private readonly RuleBatchSettings _batch;

    public RuleConsumerDefinition(NotificationSettings settings)
    {
        _batch = settings.RuleBatch;
        EndpointName = Queue;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RuleConsumer<TEvent>> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.Options<BatchOptions>(options => options
            .SetMessageLimit(_batch.MessageLimit)
            .SetConcurrencyLimit(_batch.ConcurrencyLimit)
            .SetTimeLimit(_batch.TimeLimit)
            .SetTimeLimitStart(BatchTimeLimitStart.FromFirst));
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
