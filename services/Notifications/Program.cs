using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications;
using FiveSocieties.Notifications.Integration.Incoming;
using FiveSocieties.Notifications.Recipients;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsApi.ServiceName, NotificationsApi.DefaultPort);
builder.AddEventStore(store => store.Projections.Snapshot<Recipient>(SnapshotLifecycle.Inline));
builder.AddMessaging(bus =>
{
    bus.AddConsumer<CaseOpenedConsumer>();
    bus.AddConsumer<CaseworkerAssignedConsumer>();
});

var app = builder.Build();
app.MapServiceDefaults();
app.MapNotificationsApi();
app.Run();
