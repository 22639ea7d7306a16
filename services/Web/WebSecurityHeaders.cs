namespace FiveSocieties.Web;

/// <summary>
/// The headers every answer of the Web host carries, the app's pages and forwarded API answers
/// alike. Set when the response starts, so they replace whatever a service sent along.
/// </summary>
public static class WebSecurityHeaders
{
    public static WebApplication UseWebSecurityHeaders(this WebApplication app, WebSettings settings)
    {
        var policy = ContentSecurityPolicy(settings.MapTiles);
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                // Location only for the volunteers' phones (their route); nothing else the app uses.
                headers["Permissions-Policy"] = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// Only our own scripts; inline styles because Ant Design writes them at run time. The map's tile
    /// server (Web:MapTiles) is allowed in img-src only when one is configured. The volunteer's phone
    /// app installs from our own manifest and runs our own service worker (/field-sw.js).
    /// </summary>
    public static string ContentSecurityPolicy(string? mapTiles)
    {
        var tiles = WebSettings.MapTilesOrigin(mapTiles) is { } origin ? " " + origin : "";
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + $"img-src 'self' data: blob:{tiles}; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            + "worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }
}
