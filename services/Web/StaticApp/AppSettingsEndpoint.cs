namespace FiveSocieties.Web.StaticApp;

/// <summary>What the app reads of the host's configuration at start: nothing secret, the same for everyone.</summary>
public sealed record AppSettings(string? MapTiles);

public static class AppSettingsEndpoint
{
    public static IEndpointRouteBuilder MapAppSettings(this IEndpointRouteBuilder app, WebSettings settings)
    {
        var answer = new AppSettings(string.IsNullOrWhiteSpace(settings.MapTiles) ? null : settings.MapTiles.Trim());
        app.MapGet("/app-settings", () => TypedResults.Ok(answer))
            .WithSummary("The app's settings from the host's configuration: the map's tile address (Web:MapTiles), null when the map draws without tiles.");
        return app;
    }
}
