using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Web;
using FiveSocieties.Web.DemoSignIn;
using FiveSocieties.Web.Forwarding;
using FiveSocieties.Web.Sessions;
using FiveSocieties.Web.StaticApp;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults(WebApi.ServiceName, WebApi.DefaultPort);
var settings = builder.AddWebService();

var app = builder.Build();
app.UseExceptionHandler();
app.UseWebSecurityHeaders(settings);
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapSessionEndpoints();
app.MapDemoSignIn();
app.MapServiceForwarding();
app.MapAppSettings(settings);
app.MapStaticApp(settings);
app.Run();
