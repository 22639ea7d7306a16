using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Notifications;

/// <summary>
/// The Notifications event store: the directory, notifications, webhooks and digests as inline
/// documents, current at commit; in one place for the service and for `fivesoc rebuild notifications`.
/// </summary>
public static class NotificationsStore
{
    public static StoreOptions AddNotificationsStore(this StoreOptions store)
    {
        store.AddInboxPositions();
        store.AddSubjectKeys(); // webhook secrets are sealed with a key per webhook
        store.Projections.Snapshot<Recipient>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<CaseResponsibility>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Notification>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Delivery.WeChat.WeChatBinding>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Webhook>(SnapshotLifecycle.Inline);
        // What a removed webhook's event keeps of a secret registered in clear (before sealing): nothing.
        store.Events.AddMaskingRuleForProtectedInformation<WebhookRegistered>(registered => registered with { Secret = null });
        store.Projections.Snapshot<VisitDigest>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<StationPlace>(SnapshotLifecycle.Inline);
        store.Schema.For<StationPlace>().Duplicate(p => p.DistrictCode);
        store.Projections.Snapshot<Alarm>(SnapshotLifecycle.Inline);
        // The escalation sweep's work list (due, or waiting for someone to join its chain) and the dashboards' station lists.
        store.Schema.For<Alarm>()
            .Duplicate(a => a.NextStepAt!, configure: index => index.Predicate = "next_step_at is not null")
            .Duplicate(a => a.AwaitingPeople, configure: index => index.Predicate = "awaiting_people")
            .Duplicate(a => a.StationId!);
        // The delivery sweep looks only for notifications with a delivery due; most have none (inbox
        // only), so its index holds only those that do, and creating a notification writes an index entry fewer.
        store.Schema.For<Notification>()
            .Duplicate(n => n.RecipientId)
            .Duplicate(n => n.NextDeliveryAt!, configure: index => index.Predicate = "next_delivery_at is not null")
            // The live stream's catch-up reads one inbox from a position on.
            .Index([n => n.RecipientId, n => n.Position], index => index.Name = "mt_doc_notification_idx_inbox_position");
        store.Schema.For<Webhook>().Duplicate(w => w.OwnerId);
        store.Schema.For<Recipient>().Duplicate(r => r.StationId).Duplicate(r => r.DistrictCode!);
        return store;
    }
}
