using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Delivery;
using FiveSocieties.Notifications.Delivery.Email;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Integration.Incoming;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
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
    }

    /// <summary>Settings, the notifier, the channels, the live streams' listener and the three sweeps.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Notifications").Get<NotificationSettings>() ?? new();
        // A chain that names a rule wrongly would leave that rule's alarms with nobody above level 0: refuse to start.
        if (settings.Escalation.Problems(NotificationRules.UrgentRules) is { Count: > 0 } problems)
            throw new InvalidOperationException("The escalation chains are misconfigured: " + string.Join(" ", problems));
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
        services.AddPeriodicSweep<EscalationSweep>(settings.Escalation.SweepInterval);
        services.AddPeriodicSweep<DigestSweep>(settings.DigestSweepInterval);
        return services;
    }
}
