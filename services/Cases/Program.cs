using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Cases;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CasesApi.ServiceName, CasesApi.DefaultPort);
builder.AddCasesService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCasesApi();
app.Run();
