using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Integration.Outgoing;
using FiveSocieties.Cases.Integration.Incoming;
using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.ClientSearch;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Cases.Consenting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CasesApi.ServiceName, CasesApi.DefaultPort);
builder.Services.AddTextCatalogue(FiveSocieties.Cases.CasesTexts.Catalogue);
builder.AddEventStore(store => store.AddCasesStore())
    .AddIntegrationEventRelay<CasesIntegrationEvents>(builder.Configuration);
builder.AddPrivacy();
builder.Services.AddPeriodicSweep<ConsentExpirySweep>(TimeSpan.FromMinutes(1));
builder.Services.AddPeriodicSweep<VisitOverdueSweep>(TimeSpan.FromMinutes(1));
builder.Services.AddPeriodicSweep<ClientSearchKeysBackfill>(TimeSpan.FromMinutes(5));
var settings = builder.Configuration.GetSection("Cases").Get<CasesSettings>() ?? new();
if (settings.UrgentNeedUnmatchedAfter <= TimeSpan.Zero)
    throw new InvalidOperationException("Cases:UrgentNeedUnmatchedAfter must be a positive time span, e.g. 04:00:00.");
builder.Services.AddSingleton(settings);
builder.Services.AddPeriodicSweep<UrgentNeedUnmatchedSweep>(TimeSpan.FromMinutes(1));
builder.AddMessaging(bus => bus.AddCasesConsumers());

var app = builder.Build();
app.MapServiceDefaults();
app.MapCasesApi();
app.Run();
