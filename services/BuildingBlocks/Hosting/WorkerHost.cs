using FiveSocieties.BuildingBlocks.Configuration;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Hosting;

/// <summary>
/// A FiveSocieties service without HTTP (a tool, a benchmark, a test's stand-in service): named,
/// configured, then given AddEventStore/AddMessaging like any host.
/// </summary>
public static class WorkerHost
{
    public static HostApplicationBuilder CreateBuilder(
        string name, IEnumerable<KeyValuePair<string, string?>> settings, LogLevel minimumLevel = LogLevel.Warning)
    {
        // Its settings are given, not read from files; its content root (watched for changes to
        // appsettings.json, folders included) is its own folder, not wherever it was started: from a
        // repository's root that watch took in .local/, where PostgreSQL writes all the time.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.UseServiceIdentity(name);
        return builder;
    }

    /// <summary>Starts the host and waits until its bus has declared its queues and consumes.</summary>
    public static async Task StartAndWaitForBusAsync(this IHost host)
    {
        await host.StartAsync();
        await host.Services.WaitForBusAsync();
    }

    /// <summary>
    /// Waits until the bus is connected and its queues are bound: a message published before a
    /// consumer's queue exists reaches nobody.
    /// </summary>
    public static async Task WaitForBusAsync(this IServiceProvider services)
    {
        var health = await services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy) throw new InvalidOperationException("The bus did not become healthy within 60 s.");
    }
}
