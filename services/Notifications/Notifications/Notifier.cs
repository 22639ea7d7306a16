using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Notifications;

/// <summary>
/// Turns a rule's intents into notification streams in the caller's session: resolves the
/// audience, plans the external deliveries (webhooks of the owner, e-mail when preferred, held
/// back by quiet hours unless urgent), sets the acknowledgement deadline of urgent ones.
///
/// This is the hot path (every source event), so it reads in two round trips whatever the number
/// of recipients: the audience, then — in the transaction — which notifications exist already,
/// the owners' webhooks, and the next numbers of the recipients' inboxes (<see cref="InboxPositions"/>).
/// A notification's id is deterministic and its document is inline (it exists exactly when its
/// stream does), so "not there yet" plus StartStream is the decision; a copy of the same event
/// handled at the same moment collides on the stream id at commit and is retried, then finds it.
/// A commit notice tells the live streams. The recipients' inboxes stay locked from the second
/// round trip until the session commits, so callers issue last, right before SaveChanges.
/// </summary>
public sealed class Notifier(NotificationSettings settings)
{
    public async Task<IReadOnlyList<Guid>> IssueAsync(IDocumentSession session, IEnumerable<NotificationIntent> intents, DateTimeOffset now,
        CancellationToken ct, bool escalates = true)
    {
        var addressed = new List<(NotificationIntent Intent, ResolvedRecipient Recipient, Guid Id)>();
        foreach (var (intent, recipients) in await RecipientDirectory.ResolveAsync(session, intents.ToList(), ct))
            addressed.AddRange(recipients.Select(r => (intent, r, NotificationIds.For(intent.SourceEventId, r.Id, intent.Rule))));
        if (addressed.Count == 0) return [];

        // One round trip, in the transaction: which exist already, the owners' webhooks, and each inbox's
        // next numbers — one per notification addressed to it. A notification that exists (a redelivered
        // source event) leaves its number unused: a stream skips the hole.
        await session.BeginTransactionAsync(ct);
        var ids = addressed.DistinctBy(a => a.Id).ToList();
        var batch = session.CreateBatchQuery();
        var existing = batch.LoadMany<Notification>().ById(ids.Select(a => a.Id).ToArray());
        var owners = addressed.Select(a => a.Recipient.Id).Distinct().ToArray();
        var webhooks = batch.Query<Webhook>().Where(w => w.OwnerId.IsOneOf(owners) && w.RemovedAt == null).ToList();
        var counts = ids.CountBy(a => a.Recipient.Id).ToDictionary();
        var positions = InboxPositions.Take(batch, session.DocumentStore.Options.DatabaseSchemaName, counts);
        await batch.Execute(ct);
        var known = (await existing).ToDictionary(n => n.Id);
        var hooksByOwner = (await webhooks).ToLookup(w => w.OwnerId);
        var last = await positions;
        var next = counts.ToDictionary(c => c.Key, c => last[c.Key] - c.Value + 1);

        var toCreate = new List<NotificationCreated>();
        foreach (var (intent, recipient, id) in ids)
        {
            var position = next[recipient.Id]++; // in the order counted, so an inbox's new notifications are numbered in order
            if (known.ContainsKey(id)) continue; // the decider would create nothing: it exists
            var notBefore = QuietHours.NotBefore(recipient.Preferences, intent.Urgency, now);
            var planned = hooksByOwner[recipient.Id].OrderBy(w => w.RegisteredAt)
                .Select(w => new PlannedDelivery(Channel.Webhook, w.Id, notBefore)).ToList();
            if (recipient.Preferences.Wants(Channel.Email) && !string.IsNullOrEmpty(recipient.Preferences.Email))
                planned.Add(new PlannedDelivery(Channel.Email, null, notBefore));
            var acknowledgeBy = intent.Urgency == Urgency.Urgent && escalates ? now + settings.EscalateAfter : (DateTimeOffset?)null;
            toCreate.Add(new NotificationCreated(id, recipient.Id, recipient.Kind, intent.Rule, intent.Urgency, intent.SourceEventId,
                intent.StationId, intent.CaseId, intent.Parameters, planned, acknowledgeBy?.ToUniversalTime(), now, position));
        }
        if (toCreate.Count == 0) return [];

        TraceContextOnEvents.Stamp(session);
        foreach (var created in toCreate)
            session.Events.StartStream<Notification>(created.NotificationId,
                NotificationDecider.Decide(known.GetValueOrDefault(created.NotificationId), new CreateNotification(created)));
        // Every replica's live streams hear of them the moment they commit.
        CommitNotices.QueueOnCommit(session, InboxNotices.Channel(session), toCreate.Select(c => InboxNotices.Item(c.RecipientId, c.NotificationId)));
        return toCreate.Select(c => c.NotificationId).ToList();
    }
}
