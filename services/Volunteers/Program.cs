using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Integration.Incoming;
using FiveSocieties.Volunteers.Integration.Outgoing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(VolunteersApi.ServiceName, VolunteersApi.DefaultPort);
builder.Services.AddTextCatalogue(FiveSocieties.Volunteers.VolunteersTexts.Catalogue);
builder.AddEventStore(store => store.AddVolunteersStore())
    .AddIntegrationEventRelay<VolunteersIntegrationEvents>(builder.Configuration);
builder.AddMessaging(bus =>
{
    bus.AddConsumer<CaseOpenedConsumer>();
    bus.AddConsumer<ReferralAcceptedConsumer>();
    bus.AddConsumer<DeliveryRecipientSharedConsumer>();
    bus.AddConsumer<DeliveryRecipientRevokedConsumer>();
    bus.AddConsumer<NeedWithdrawnConsumer>();
    bus.AddConsumer<ReferralCompletedConsumer>();
    bus.AddConsumer<ReferralCancelledConsumer>();
    bus.AddConsumer<CaseClosedConsumer>();
    bus.AddConsumer<ClientDataErasedConsumer>();
});
var settings = builder.Configuration.GetSection("Volunteers").Get<VolunteersSettings>() ?? new();
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<Dispatcher>();
builder.Services.AddPeriodicSweep<DispatchSweep>(settings.SweepInterval);

var app = builder.Build();
app.MapServiceDefaults();
app.MapVolunteersApi();
app.Run();
