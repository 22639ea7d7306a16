using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Integration.Incoming;
using FiveSocieties.Volunteers.ServedCases;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(VolunteersApi.ServiceName, VolunteersApi.DefaultPort);
builder.AddEventStore(store => store.Projections.Snapshot<ServedCase>(SnapshotLifecycle.Inline));
builder.AddMessaging(bus => bus.AddConsumer<CaseOpenedConsumer>());

var app = builder.Build();
app.MapServiceDefaults();
app.MapVolunteersApi();
app.Run();
