using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Web.DemoSignIn;
using FiveSocieties.Web.Forwarding;
using FiveSocieties.Web.Sessions;
using FiveSocieties.Web.StaticApp;
using FiveSocieties.Web.WeChatBinding;

namespace FiveSocieties.Web;

/// <summary>What the Web host runs on: its settings, the sessions, the demo sign-in, the forwarding to the services and the WeChat binding.</summary>
public static class WebService
{
    public static WebApplicationBuilder AddWebService(this WebApplicationBuilder builder)
    {
        var settings = builder.AddWebSettings();
        builder.Services.AddSingleton(settings);
        builder.AddSessions(settings);
        builder.AddDemoSignIn(settings);
        builder.AddServiceForwarding(settings);
        builder.AddWeChatBinding(settings);
        return builder;
    }

    /// <summary>
    /// The host's pipeline and routes: problems, security headers, the cookie session, health,
    /// sign-in, the forwarding to the services, and the app itself (last: it answers every other path).
    /// </summary>
    public static WebApplication MapWebHost(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<WebSettings>();
        app.UseSharedSessionKeys();
        app.UseExceptionHandler();
        app.UseWebSecurityHeaders(settings);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapSessionEndpoints();
        app.MapDemoSignIn();
        app.MapServiceForwarding();
        app.MapWeChatBinding();
        app.MapAppSettings(settings);
        app.MapStaticApp(settings);
        return app;
    }
}
