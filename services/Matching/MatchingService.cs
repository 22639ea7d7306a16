using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Matching.Directory;
using FiveSocieties.Matching.Engine;
using FiveSocieties.Matching.Integration.Incoming;
using FiveSocieties.Matching.Integration.Outgoing;
using FiveSocieties.Matching.Referrals;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FiveSocieties.Matching;

/// <summary>
/// What the Matching service runs on: its referral deadlines and texts, its store and relay, the
/// in-memory matching index, the referral loop, its sweeps and consumers.
/// </summary>
public static class MatchingService
{
    public static IHostApplicationBuilder AddMatchingService(this IHostApplicationBuilder builder)
    {
        var deadlines = builder.AddSettings<ReferralDeadlines>("Matching:Referrals");
        builder.Services.AddTextCatalogue(MatchingTexts.Catalogue);
        builder.AddEventStore(store => store.AddMatchingStore())
            .AddIntegrationEventRelay<MatchingIntegrationEvents>(builder.Configuration);
        // Every replica's index follows the store: each commit tells the others, and waits for this one's to apply it.
        builder.Services.ConfigureMarten((services, store) =>
        {
            store.Listeners.Add(new AppendNotices(AppendNotices.Channel(store.Events.DatabaseSchemaName)));
            store.Listeners.Add(new LocalCommits(services.GetRequiredService<IndexFollower>, services.GetRequiredService<ILogger<LocalCommits>>()));
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MatchingIndex>();
        builder.Services.AddSingleton<ReferralProcess>();
        // Loaded before the bus starts consuming, so the first NeedRaised already sees every offer.
        builder.Services.AddSingleton<IndexFollower>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndexFollower>());
        builder.Services.AddHealthChecks().AddCheck<IndexFollowerHealthCheck>("matching-index", tags: ["ready"]);
        builder.Services.AddPeriodicSweep<ReferralDeadlineSweep>(deadlines.SweepInterval);
        builder.Services.AddPeriodicSweep<OfferExpirySweep>(deadlines.SweepInterval);
        builder.Services.AddPeriodicSweep<WaitingNeedsSweep>(deadlines.SweepInterval);

        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<CaseOpenedConsumer>();
            bus.AddConsumer<CaseworkerAssignedConsumer>();
            bus.AddConsumer<CaseClosedConsumer>();
            bus.AddConsumer<CaseReopenedConsumer>();
            bus.AddConsumer<NeedRaisedConsumer>();
            bus.AddConsumer<NeedWithdrawnConsumer>();
            bus.AddConsumer<NeedFulfilledConsumer>();
        });
        return builder;
    }
}
