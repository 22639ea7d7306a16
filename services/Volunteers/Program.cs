using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Volunteers;

if (await ServiceCommands.ProbeIfAskedAsync(args) is { } probed) return probed;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(VolunteersApi.ServiceName, VolunteersApi.DefaultPort);
builder.AddVolunteersService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapVolunteersApi();
return await app.RunServiceAsync(args);
