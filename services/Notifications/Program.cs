using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications;
using FiveSocieties.Notifications.Integration.Incoming;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsApi.ServiceName, NotificationsApi.DefaultPort);
builder.Services.AddTextCatalogue(FiveSocieties.Notifications.NotificationsTexts.Catalogue);
builder.AddEventStore(store => store.AddNotificationDocuments());
builder.AddMessaging(bus =>
{
    bus.AddConsumer<CaseOpenedConsumer>();
    bus.AddConsumer<CaseworkerAssignedConsumer>();
    bus.AddConsumer<VolunteerRegisteredConsumer>();
    bus.AddConsumer<ProviderRegisteredConsumer>();
    bus.AddConsumer<StationOpenedConsumer>();
    bus.AddConsumer<StaffJoinedConsumer>();
    bus.AddConsumer<StaffRoleChangedConsumer>();
    bus.AddConsumer<StaffLeftConsumer>();
    bus.AddRuleConsumers();
});
builder.Services.AddNotifications(builder.Configuration);

var app = builder.Build();
app.MapServiceDefaults();
app.MapNotificationsApi();
app.Run();
