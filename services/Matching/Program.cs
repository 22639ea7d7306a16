using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Matching;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingApi.ServiceName, MatchingApi.DefaultPort);
builder.AddMatchingService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapMatchingApi();
app.Run();
