using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Delivery.Sms;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using JasperFx.Events.Aggregation;
using Marten;
using Marten.Events;
using Marten.Services;
using Marten.Services.BatchQuerying;

namespace FiveSocieties.Notifications.Issuing;

/// <summary>
/// Turns a rule's intents into notification streams in the caller's session: resolves the
/// audience, plans the external deliveries (webhooks of the owner, e-mail when preferred, held
/// back by quiet hours unless urgent), sets the acknowledgement deadline of urgent ones.
///
/// This is the hot path (every source event), so it reads in one round trip whatever the number
/// of recipients, in the transaction: the audience, which notifications exist already, the owners'
/// webhooks, and the next numbers of the recipients' inboxes (<see cref="InboxPositions"/>) — two
/// when an audience must be looked up first (a station's supervisors, a case's caseworker).
/// A notification's id is deterministic and its document is inline (it exists exactly when its
/// stream does), so "not there yet" plus StartStream is the decision; a copy of the same event
/// handled at the same moment collides on the stream id at commit and is retried, then finds it.
/// The moment the session commits, this replica's live streams are handed each new notification's
/// document (a one-off session listener), and a commit notice carrying it tells the other
/// replicas' — a hop through the database and the listener fewer on the way to a client here. The
/// recipients' inboxes stay locked from the numbering until the session commits, so callers issue
/// last, right before SaveChanges.
/// </summary>
public sealed class Notifier(IDocumentStore store, InboxBroadcaster broadcaster, NotificationSettings settings)
{
    private readonly EventGraph _events = (EventGraph)((StoreOptions)store.Options).Events;
    private readonly IAggregator<Notification, IQuerySession> _fold = ((StoreOptions)store.Options).Projections.AggregatorFor<Notification>();

    public async Task<IssuedNotifications> IssueAsync(IDocumentSession session, IEnumerable<NotificationIntent> intents, DateTimeOffset now,
        CancellationToken ct)
    {
        var list = intents.ToList();
        if (list.Count == 0) return IssuedNotifications.None;
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var resolve = RecipientDirectory.Queue(batch, list);
        IReadOnlyList<(NotificationIntent Intent, IReadOnlyList<ResolvedRecipient> Recipients)> resolved;
        Lookups lookups;
        if (list.All(i => RecipientDirectory.NamedRecipient(i.To) is not null))
        {
            // Every audience names its recipient (a user, a provider): whom it addresses is known
            // without the directory, so the rest rides in the same round trip.
            lookups = Lookups.Queue(batch, list.Select(i => IdFor(i, RecipientDirectory.NamedRecipient(i.To)!.Value)));
            await batch.Execute(ct);
            resolved = await resolve(session, ct);
        }
        else
        {
            await batch.Execute(ct);
            resolved = await resolve(session, ct);
            if (resolved.All(r => r.Recipients.Count == 0)) return new IssuedNotifications([], resolved);
            batch = session.CreateBatchQuery();
            lookups = Lookups.Queue(batch, resolved.SelectMany(r => r.Recipients.Select(p => IdFor(r.Intent, p.Id))));
            await batch.Execute(ct);
        }
        var addressed = resolved.SelectMany(r => r.Recipients.Select(p => (r.Intent, Recipient: p, IdFor(r.Intent, p.Id).Id)))
            .DistinctBy(a => a.Id).ToList();
        var (known, hooksByOwner, next) = await lookups.ResultsAsync();
        // Only urgent alarms go by WeChat: the bindings are read only for them, off the everyday path.
        var urgentTo = addressed.Where(a => a.Intent.Urgency == Urgency.Urgent).Select(a => a.Recipient.Id).Distinct().ToArray();
        var bindings = urgentTo.Length == 0
            ? new Dictionary<Guid, WeChatBinding>()
            : (await session.LoadManyAsync<WeChatBinding>(ct, urgentTo)).ToDictionary(b => b.Id);

        var toCreate = new List<NotificationCreated>();
        foreach (var (intent, recipient, id) in addressed)
        {
            var position = next[recipient.Id]++; // in the order counted, so an inbox's new notifications are numbered in order
            if (known.ContainsKey(id)) continue; // the decider would create nothing: it exists
            var notBefore = QuietHours.NotBefore(recipient.Preferences, intent.Urgency, now);
            var planned = hooksByOwner[recipient.Id].OrderBy(w => w.RegisteredAt)
                .Select(w => new PlannedDelivery(Channel.Webhook, w.Id, notBefore)).ToList();
            if (recipient.Preferences.Wants(Channel.Email) && !string.IsNullOrEmpty(recipient.Preferences.Email))
                planned.Add(new PlannedDelivery(Channel.Email, null, notBefore));
            planned.AddRange(WeChatPolicy.Plan(bindings.GetValueOrDefault(recipient.Id), intent.Rule, intent.Urgency, now,
                settings.UrgentFallbackInForce));
            planned.AddRange(SmsPolicy.Plan(recipient.Kind, recipient.Preferences, intent.Rule, intent.Urgency, notBefore, now,
                settings.UrgentFallbackInForce));
            var acknowledgeBy = intent.Urgency == Urgency.Urgent ? intent.AcknowledgeBy : null;
            toCreate.Add(new NotificationCreated(id, recipient.Id, recipient.Kind, intent.Rule, intent.Urgency, intent.SourceEventId,
                intent.StationId, intent.CaseId, intent.Parameters, planned, acknowledgeBy?.ToUniversalTime(), now, position, intent.AlarmId));
        }
        if (toCreate.Count == 0) return new IssuedNotifications([], resolved);

        TraceContextOnEvents.Stamp(session);
        var documents = new List<Notification>(toCreate.Count);
        foreach (var created in toCreate)
        {
            var events = NotificationDecider.Decide(known.GetValueOrDefault(created.NotificationId), new CreateNotification(created));
            session.Events.StartStream<Notification>(created.NotificationId, events);
            documents.Add(await DocumentOfAsync(session, created.NotificationId, events, ct));
        }
        // Every replica's live streams hear of them the moment they commit: this one's from the session, the others' from the notice.
        session.Listeners.Add(new HandToLiveStreams(broadcaster, documents));
        CommitNotices.QueueOnCommit(session, InboxNotices.Channel(session), documents.Select(d => InboxNotices.Item(d, broadcaster.Replica)));
        return new IssuedNotifications(toCreate.Select(c => c.NotificationId).ToList(), resolved);
    }

    /// <summary>
    /// Hands a session's new notifications to this replica's live streams once it has committed
    /// (never for a transaction that rolled back; once, should the session commit again). A
    /// stream drops one it was sent already and fills a hole from the store, so this and the
    /// notices of other replicas' commits may arrive in any order.
    /// </summary>
    private sealed class HandToLiveStreams(InboxBroadcaster broadcaster, IReadOnlyList<Notification> documents) : DocumentSessionListenerBase
    {
        private bool _handed;

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (!_handed) broadcaster.Publish(documents);
            _handed = true;
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The document the inline projection will write for a new stream of <paramref name="events"/>:
    /// folded by the projection's own code, so the notice carries what the store will hold.
    /// </summary>
    private async Task<Notification> DocumentOfAsync(IDocumentSession session, Guid id, IReadOnlyList<object> events, CancellationToken ct)
    {
        var stream = events.Select((data, i) =>
        {
            var @event = _events.BuildEvent(data);
            (@event.StreamId, @event.Version) = (id, i + 1);
            return @event;
        }).ToList();
        return await _fold.BuildAsync(stream, session, null, ct)
               ?? throw new InvalidOperationException($"Notification {id}: its creation built no document.");
    }

    private static (Guid Id, Guid Recipient) IdFor(NotificationIntent intent, Guid recipient) =>
        (NotificationIds.For(intent.SourceEventId, recipient, intent.Rule), recipient);
}

/// <summary>What an issue created, and whom each intent's audience turned out to be (possibly nobody: an alarm then climbs on).</summary>
public sealed record IssuedNotifications(
    IReadOnlyList<Guid> Created, IReadOnlyList<(NotificationIntent Intent, IReadOnlyList<ResolvedRecipient> Recipients)> Audiences)
{
    public static readonly IssuedNotifications None = new([], []);

    public IReadOnlyList<Guid> RecipientsOf(NotificationIntent intent) =>
        Audiences.Where(a => ReferenceEquals(a.Intent, intent)).SelectMany(a => a.Recipients.Select(r => r.Id)).Distinct().ToList();
}

/// <summary>
/// What the notifier needs besides the audience, in one batch: which notifications exist already,
/// the recipients' webhooks, and each inbox's next numbers (one per notification addressed to it;
/// a notification that exists leaves its number unused: a stream skips the hole).
/// </summary>
internal sealed record Lookups(
    Task<IReadOnlyList<Notification>> Existing, Task<IReadOnlyList<Webhook>> Webhooks, Task<IReadOnlyDictionary<Guid, long>> Last,
    Dictionary<Guid, int> Counts)
{
    public static Lookups Queue(IBatchedQuery batch, IEnumerable<(Guid Id, Guid Recipient)> addressed)
    {
        var distinct = addressed.DistinctBy(a => a.Id).ToList();
        var owners = distinct.Select(a => a.Recipient).Distinct().ToArray();
        var counts = distinct.CountBy(a => a.Recipient).ToDictionary();
        return new Lookups(
            batch.LoadMany<Notification>().ById(distinct.Select(a => a.Id).ToArray()),
            batch.Query<Webhook>().Where(w => w.OwnerId.IsOneOf(owners) && w.RemovedAt == null).ToList(),
            InboxPositions.Take(batch, batch.Parent.DocumentStore.Options.DatabaseSchemaName, counts),
            counts);
    }

    /// <summary>The existing notifications by id, the webhooks by owner, and each inbox's first number to give out.</summary>
    public async Task<(Dictionary<Guid, Notification> Known, ILookup<Guid, Webhook> Webhooks, Dictionary<Guid, long> Next)> ResultsAsync()
    {
        var last = await Last;
        return ((await Existing).ToDictionary(n => n.Id), (await Webhooks).ToLookup(w => w.OwnerId),
            Counts.ToDictionary(c => c.Key, c => last[c.Key] - c.Value + 1));
    }
}
