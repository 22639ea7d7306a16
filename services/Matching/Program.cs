using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching;
using FiveSocieties.Matching.Integration.Incoming;
using FiveSocieties.Matching.NeedsMirror;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingApi.ServiceName, MatchingApi.DefaultPort);
builder.AddEventStore(store =>
{
    store.Projections.Snapshot<KnownCase>(SnapshotLifecycle.Inline);
    store.Projections.Snapshot<MirroredNeed>(SnapshotLifecycle.Inline);
});
builder.AddMessaging(bus =>
{
    bus.AddConsumer<CaseOpenedConsumer>();
    bus.AddConsumer<CaseworkerAssignedConsumer>();
    bus.AddConsumer<NeedRaisedConsumer>();
    bus.AddConsumer<NeedWithdrawnConsumer>();
});

var app = builder.Build();
app.MapServiceDefaults();
app.MapMatchingApi();
app.Run();
