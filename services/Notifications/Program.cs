using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Notifications;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsApi.ServiceName, NotificationsApi.DefaultPort);
builder.AddNotificationsService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapNotificationsApi();
app.Run();
