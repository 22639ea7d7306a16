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
/// </summary>
public sealed class RuleConsumer<TEvent>(IDocumentStore store, Notifier notifier, NotificationSettings settings, TimeProvider clock)
    : InboxConsumer<TEvent>(store) where TEvent : class
{
    private static readonly Func<TEvent, Guid> EventIdOf = CompileEventId();

    protected override async Task HandleAsync(TEvent message, IDocumentSession session, ConsumeContext<TEvent> context)
    {
        var now = clock.GetUtcNow();
        var intents = NotificationRules.For(message, EventIdOf(message));
        await notifier.IssueAsync(session, intents.Where(i => i.Batching == Batching.Immediately), now, context.CancellationToken);
        foreach (var intent in intents.Where(i => i.Batching == Batching.DailyDigest))
            await NoteInDigestAsync(session, intent, now, context.CancellationToken);
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

public static class RuleConsumers
{
    /// <summary>Registers a <see cref="RuleConsumer{TEvent}"/> for every event type the rules table names, on one queue.</summary>
    public static void AddRuleConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var type in NotificationRules.SourceEventTypes)
            bus.AddConsumer(typeof(RuleConsumer<>).MakeGenericType(type)).Endpoint(e => e.Name = "notifications-rules");
    }
}
