using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Web;

if (await ServiceCommands.ProbeIfAskedAsync(args) is { } probed) return probed;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults(WebApi.ServiceName, WebApi.DefaultPort);
builder.AddWebService();

var app = builder.Build();
app.MapWebHost();
return await app.RunServiceAsync(args);
