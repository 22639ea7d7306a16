using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Web;

/// <summary>The "Web" section: where the services, the app and the session keys are.</summary>
public sealed class WebSettings
{
    public ServiceAddresses Services { get; set; } = new();

    /// <summary>Where the Data Protection keys that seal the session cookie are kept (shared by every replica).</summary>
    public string? KeysPath { get; set; }

    /// <summary>The built app (index.html and assets/); by default services/Web/wwwroot of the repository, else wwwroot beside the host.</summary>
    public string? AppPath { get; set; }

    /// <summary>
    /// Where the situation map's background tiles come from, as a tile address template (e.g.
    /// https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png); its origin is allowed in img-src. None by
    /// default: stations may have no internet, and the map draws its grids without tiles.
    /// </summary>
    public string? MapTiles { get; set; }

    /// <summary>The origin of <see cref="MapTiles"/> as the Content-Security-Policy names it ({s} as a *. wildcard), or null.</summary>
    public static string? MapTilesOrigin(string? template)
    {
        if (string.IsNullOrWhiteSpace(template)) return null;
        var address = template.Trim().Replace("{s}.", "wildcard-subdomain.");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return null;
        return $"{uri.Scheme}://{uri.Authority.Replace("wildcard-subdomain.", "*.")}";
    }

    public OidcClientSettings Oidc { get; set; } = new();
}

/// <summary>
/// Where each service is: one address, or several replicas' addresses separated by commas
/// (e.g. http://127.0.0.1:5101,http://127.0.0.1:5111), among which the Web host balances.
/// </summary>
public sealed class ServiceAddresses
{
    public string Cases { get; set; } = "http://127.0.0.1:5101";
    public string Matching { get; set; } = "http://127.0.0.1:5102";
    public string Volunteers { get; set; } = "http://127.0.0.1:5103";
    public string Notifications { get; set; } = "http://127.0.0.1:5104";

    /// <summary>Each service by the name it has under /api/, with every replica's address.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByName => new Dictionary<string, IReadOnlyList<string>>
    {
        ["cases"] = Replicas(Cases), ["matching"] = Replicas(Matching),
        ["volunteers"] = Replicas(Volunteers), ["notifications"] = Replicas(Notifications),
    };

    /// <summary>The addresses in one setting: comma-separated, blanks ignored.</summary>
    public static IReadOnlyList<string> Replicas(string setting) =>
        setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>This host as a client of the OpenID Connect authority (Auth:Authority).</summary>
public sealed class OidcClientSettings
{
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}

public static class WebSettingsSetup
{
    public static WebSettings AddWebSettings(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Web").Get<WebSettings>() ?? new();
        foreach (var (name, addresses) in settings.Services.ByName)
            if (addresses.Count == 0 || addresses.Any(address => !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                throw new InvalidOperationException($"Web:Services:{char.ToUpperInvariant(name[0])}{name[1..]} must be an absolute http(s) address, or several separated by commas, e.g. http://127.0.0.1:5101,http://127.0.0.1:5111; it is '{string.Join(',', addresses)}'.");
        if (!string.IsNullOrWhiteSpace(settings.MapTiles)
            && (WebSettings.MapTilesOrigin(settings.MapTiles) is not { } origin || !origin.StartsWith("https://", StringComparison.Ordinal)
                || !(settings.MapTiles.Contains("{z}") && settings.MapTiles.Contains("{x}") && settings.MapTiles.Contains("{y}"))
                || settings.MapTiles.IndexOfAny([';', ' ', '\'', '"', ',', '*']) >= 0))
            throw new InvalidOperationException($"Web:MapTiles must be an https tile address with {{z}}, {{x}} and {{y}} (and optionally {{s}}), e.g. https://{{s}}.tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png; it is '{settings.MapTiles}'.");
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new());
        return settings;
    }
}

/// <summary>Folders found from where the host runs: run.sh starts it from its bin folder inside the repository.</summary>
public static class RepositoryFolders
{
    /// <summary>The repository holding <paramref name="contentRoot"/> (the folder with FiveSocieties.sln), or null when deployed elsewhere.</summary>
    public static string? Find(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "FiveSocieties.sln"))) return folder.FullName;
        return null;
    }
}
