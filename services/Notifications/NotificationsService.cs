using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Delivery;
using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Notifications.Delivery.Email;
using FiveSocieties.Notifications.Delivery.Sms;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.BuildingBlocks.WeChat;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Integration.Incoming;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications;

/// <summary>
/// What the Notifications service runs on: its settings and texts, its store, the notifier, the
/// channels, the live streams' listener, the three sweeps and the consumers.
/// </summary>
public static class NotificationsService
{
    public static IHostApplicationBuilder AddNotificationsService(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<NotificationSettings>("Notifications");
        // A chain that names a rule wrongly would leave that rule's alarms with nobody above level 0: refuse to start.
        if (settings.Escalation.Problems(NotificationRules.UrgentRules) is { Count: > 0 } problems)
            throw new InvalidOperationException("The escalation chains are misconfigured: " + string.Join(" ", problems));
        if (settings.UrgentFallbackProblems() is { Count: > 0 } fallback)
            throw new InvalidOperationException("The urgent fallback is misconfigured: " + string.Join(" ", fallback));
        builder.Services.AddTextCatalogue(NotificationsTexts.Catalogue);
        builder.AddEventStore(store => store.AddNotificationsStore());

        var services = builder.Services;
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
        builder.AddSmsClient();
        services.AddSingleton<SmsSender>();
        builder.AddWeChatClient();
        services.AddSingleton<WeChatSender>();
        services.AddPeriodicSweep<DeliverySweep>(settings.DeliverySweepInterval);
        services.AddPeriodicSweep<EscalationSweep>(settings.Escalation.SweepInterval);
        services.AddPeriodicSweep<DigestSweep>(settings.DigestSweepInterval);

        // The bus last in every service: it starts consuming once all it calls is registered and started.
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<CaseOpenedConsumer>();
            bus.AddConsumer<CaseworkerAssignedConsumer>();
            bus.AddConsumer<VolunteerRegisteredConsumer>();
            bus.AddConsumer<VolunteerErasedConsumer>();
            bus.AddConsumer<ProviderRegisteredConsumer>();
            bus.AddConsumer<StationOpenedConsumer>();
            bus.AddConsumer<StaffJoinedConsumer>();
            bus.AddConsumer<StaffRoleChangedConsumer>();
            bus.AddConsumer<StaffLeftConsumer>();
            bus.AddRuleConsumers();
        });
        return builder;
    }
}
