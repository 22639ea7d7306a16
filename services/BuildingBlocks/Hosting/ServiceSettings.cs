using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Hosting;

public static class ServiceSettings
{
    /// <summary>
    /// A service's own settings from its configuration section (defaults where the section is
    /// silent), registered for whoever needs them and returned for the wiring that sizes sweeps by them.
    /// </summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder, string section) where T : class, new()
    {
        var settings = builder.Configuration.GetSection(section).Get<T>() ?? new();
        builder.Services.AddSingleton(settings);
        return settings;
    }
}
