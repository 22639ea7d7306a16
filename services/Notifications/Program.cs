using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Notifications;

if (await ServiceCommands.ProbeIfAskedAsync(args) is { } probed) return probed;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsApi.ServiceName, NotificationsApi.DefaultPort);
builder.AddNotificationsService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapNotificationsApi();
return await app.RunServiceAsync(args);
