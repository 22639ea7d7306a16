using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Delivery;
using FiveSocieties.Notifications.Delivery.Email;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Escalation;
using FiveSocieties.Notifications.Integration.Incoming;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Notifications;

public static class NotificationsSetup
{
    /// <summary>The directory, notifications, webhooks and digests: inline documents, current at commit.</summary>
    public static void AddNotificationDocuments(this StoreOptions store)
    {
        store.AddInboxPositions();
        store.AddSubjectKeys(); // webhook secrets are sealed with a key per webhook
        store.Projections.Snapshot<Recipient>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<CaseResponsibility>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Notification>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Webhook>(SnapshotLifecycle.Inline);
        // What a removed webhook's event keeps of a secret registered in clear (before sealing): nothing.
        store.Events.AddMaskingRuleForProtectedInformation<WebhookRegistered>(registered => registered with { Secret = null });
        store.Projections.Snapshot<VisitDigest>(SnapshotLifecycle.Inline);
        // The sweeps look only for notifications with a delivery due or an acknowledgement awaited;
        // most are neither (inbox only, not urgent), so their indexes hold only those that are, and
        // creating a notification writes two index entries fewer.
        store.Schema.For<Notification>()
            .Duplicate(n => n.RecipientId)
            .Duplicate(n => n.NextDeliveryAt!, configure: index => index.Predicate = "next_delivery_at is not null")
            .Duplicate(n => n.AcknowledgeBy!, configure: index => index.Predicate = "acknowledge_by is not null")
            // The live stream's catch-up reads one inbox from a position on.
            .Index([n => n.RecipientId, n => n.Position], index => index.Name = "mt_doc_notification_idx_inbox_position");
        store.Schema.For<Webhook>().Duplicate(w => w.OwnerId);
        store.Schema.For<Recipient>().Duplicate(r => r.StationId);
    }

    /// <summary>Settings, the notifier, the channels, the live streams' listener and the three sweeps.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Notifications").Get<NotificationSettings>() ?? new();
        services.AddSingleton(settings);
        services.AddSingleton<Notifier>();
        services.AddSingleton<RuleCommits>();
        services.AddSingleton<InboxBroadcaster>();
        services.AddSingleton<InboxListener>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxListener>());
        services.AddHealthChecks().AddCheck<LiveStreamHealthCheck>("live-stream", tags: ["ready"]);
        // Its own client: the service defaults' standard resilience handler would retry and break
        // on top of the per-endpoint pipeline of WebhookSender.
        services.AddSingleton(provider => new WebhookSender(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan },
            settings, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EmailSender>();
        services.AddPeriodicSweep<DeliverySweep>(settings.DeliverySweepInterval);
        services.AddPeriodicSweep<EscalationSweep>(settings.EscalationSweepInterval);
        services.AddPeriodicSweep<DigestSweep>(settings.DigestSweepInterval);
        return services;
    }
}
