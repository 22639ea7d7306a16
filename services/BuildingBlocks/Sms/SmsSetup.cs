using FiveSocieties.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Sms;

public static class SmsSetup
{
    /// <summary>
    /// The SMS client and its settings ("Sms"). Enabled in Production without its credentials the
    /// host refuses to start, naming the settings it lacks; elsewhere the channel just stays off.
    /// </summary>
    public static SmsSettings AddSmsClient(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<SmsSettings>(SmsSettings.Section);
        if (settings.Enabled && builder.Environment.IsProduction() && settings.MissingSettings() is { Count: > 0 } missing)
            throw new InvalidOperationException(
                $"The SMS channel is enabled ({SmsSettings.Section}:Enabled) but these settings are missing: {string.Join(", ", missing)}.");
        // Its own client: the service defaults' standard resilience handler would retry on top of the client's own pipeline.
        builder.Services.AddSingleton(provider => new AliyunSmsClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan },
            settings, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<AliyunSmsClient>>()));
        return settings;
    }
}
