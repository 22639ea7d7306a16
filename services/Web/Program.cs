using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults(WebApi.ServiceName, WebApi.DefaultPort);
builder.AddWebService();

var app = builder.Build();
app.MapWebHost();
app.Run();
