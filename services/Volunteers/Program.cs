using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Volunteers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(VolunteersApi.ServiceName, VolunteersApi.DefaultPort);
builder.AddVolunteersService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapVolunteersApi();
app.Run();
