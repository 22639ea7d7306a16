using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Cases;

if (await ServiceCommands.ProbeIfAskedAsync(args) is { } probed) return probed;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CasesApi.ServiceName, CasesApi.DefaultPort);
builder.AddCasesService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCasesApi();
return await app.RunServiceAsync(args);
