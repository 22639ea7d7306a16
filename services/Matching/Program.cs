using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Matching;

if (await ServiceCommands.ProbeIfAskedAsync(args) is { } probed) return probed;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingApi.ServiceName, MatchingApi.DefaultPort);
builder.AddMatchingService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapMatchingApi();
return await app.RunServiceAsync(args);
