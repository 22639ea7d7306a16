using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.Deliveries.Confirming;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Integration.Incoming;
using FiveSocieties.Volunteers.Integration.Outgoing;

namespace FiveSocieties.Volunteers;

/// <summary>What the Volunteers service runs on: its settings and texts, its store and relay, the dispatcher, its sweep and consumers.</summary>
public static class VolunteersService
{
    public static IHostApplicationBuilder AddVolunteersService(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<VolunteersSettings>("Volunteers");
        builder.Services.AddTextCatalogue(VolunteersTexts.Catalogue);
        builder.AddEventStore(store => store.AddVolunteersStore())
            .AddIntegrationEventRelay<VolunteersIntegrationEvents>(builder.Configuration);
        // The recipients' keys (per case) and the volunteers' own (per volunteer), apart from the events.
        builder.AddKeyStore(movedFrom: "mt_doc_recipientkey");
        builder.Services.AddHostedService<VolunteersSealedAndErased>();

        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddPeriodicSweep<DispatchSweep>(settings.SweepInterval);
        // Volunteers texts the household itself: it alone holds the phone, under the consent that
        // shared it, so the number never travels on the bus to Notifications.
        builder.AddSmsClient();
        builder.Services.AddPeriodicSweep<ConfirmationSweep>(settings.SweepInterval);

        // The bus last in every service: it starts consuming once all it calls is registered and started.
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<CaseOpenedConsumer>();
            bus.AddConsumer<ReferralAcceptedConsumer>();
            bus.AddConsumer<DeliveryRecipientSharedConsumer>();
            bus.AddConsumer<DeliveryRecipientRevokedConsumer>();
            bus.AddConsumer<HouseholdSmsContactAllowedConsumer>();
            bus.AddConsumer<HouseholdSmsContactEndedConsumer>();
            bus.AddConsumer<NeedWithdrawnConsumer>();
            bus.AddConsumer<ReferralCompletedConsumer>();
            bus.AddConsumer<ReferralCancelledConsumer>();
            bus.AddConsumer<CaseClosedConsumer>();
            bus.AddConsumer<ClientDataErasedConsumer>();
        });
        return builder;
    }
}
