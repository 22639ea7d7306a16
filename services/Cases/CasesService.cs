using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Cases.Consenting;
using FiveSocieties.Cases.Cases.Erasing;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.ClientSearch;
using FiveSocieties.Cases.Integration.Incoming;
using FiveSocieties.Cases.Integration.Outgoing;

namespace FiveSocieties.Cases;

/// <summary>What the Cases service runs on: its settings and texts, its store and relay, its sweeps and consumers.</summary>
public static class CasesService
{
    public static IHostApplicationBuilder AddCasesService(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<CasesSettings>("Cases");
        if (settings.UrgentNeedUnmatchedAfter <= TimeSpan.Zero)
            throw new InvalidOperationException("Cases:UrgentNeedUnmatchedAfter must be a positive time span, e.g. 04:00:00.");
        builder.Services.AddTextCatalogue(CasesTexts.Catalogue);
        builder.AddEventStore(store => store.AddCasesStore(LocalCalendar.From(builder.Configuration)))
            .AddIntegrationEventRelay<CasesIntegrationEvents>(builder.Configuration);
        builder.AddPrivacy();
        builder.AddKeyStore(movedFrom: "mt_doc_subject_key");
        // Before requests and messages: the store as the erasure log and issue 27 left it.
        builder.Services.AddHostedService<HashesOutOfEvents>();
        builder.Services.AddHostedService<ErasureLogReapplied>();

        builder.Services.AddPeriodicSweep<ConsentExpirySweep>(TimeSpan.FromMinutes(1));
        builder.Services.AddPeriodicSweep<VisitOverdueSweep>(TimeSpan.FromMinutes(1));
        builder.Services.AddPeriodicSweep<ClientSearchKeysBackfill>(TimeSpan.FromMinutes(5));
        builder.Services.AddPeriodicSweep<UrgentNeedUnmatchedSweep>(TimeSpan.FromMinutes(1));

        // The bus last in every service: it starts consuming once all it calls is registered and started.
        builder.AddMessaging(bus => bus.AddCasesConsumers());
        return builder;
    }
}
