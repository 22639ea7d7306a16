using FiveSocieties.Web.DemoSignIn;
using FiveSocieties.Web.Forwarding;
using FiveSocieties.Web.Sessions;

namespace FiveSocieties.Web;

/// <summary>What the Web host runs on: its settings, the sessions, the demo sign-in and the forwarding to the services.</summary>
public static class WebService
{
    /// <returns>The settings, which the request pipeline needs too (security headers, the app's path).</returns>
    public static WebSettings AddWebService(this WebApplicationBuilder builder)
    {
        var settings = builder.AddWebSettings();
        builder.AddSessions(settings);
        builder.AddDemoSignIn(settings);
        builder.AddServiceForwarding(settings);
        return settings;
    }
}
