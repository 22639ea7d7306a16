using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Hosting;

/// <summary>
/// What a host's own program does besides serving, so that its image needs no shell tools:
/// <c>probe</c> asks the running host's /health/live (the container's health check) and
/// <c>migrate</c> brings the database and the event store's tables to this release, then exits
/// (the deployment's migration Job, before the replicas roll: they never alter tables).
/// </summary>
public static class ServiceCommands
{
    public const string Probe = "probe";
    public const string Migrate = "migrate";

    /// <summary>
    /// With "probe" first in <paramref name="args"/>: exit code 0 when this host's /health/live (or
    /// the path given second) answers 2xx within three seconds, else 1. Otherwise null: start serving.
    /// </summary>
    public static async Task<int?> ProbeIfAskedAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != Probe) return null;
        var path = args.Length > 1 ? args[1] : "/health/live";
        var address = ProbeAddress(
            Environment.GetEnvironmentVariable("ASPNETCORE_URLS"),
            Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(address, path));
            if (response.IsSuccessStatusCode) return 0;
            await Console.Error.WriteLineAsync($"probe: {new Uri(address, path)} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"probe: {new Uri(address, path)} did not answer: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Where this host listens, as the probe inside its container reaches it: the first of
    /// ASPNETCORE_URLS with a wildcard host made 127.0.0.1, else the first of ASPNETCORE_HTTP_PORTS,
    /// else the images' 8080.
    /// </summary>
    public static Uri ProbeAddress(string? urls, string? httpPorts)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is not null)
        {
            var scheme = first.IndexOf("://", StringComparison.Ordinal);
            var rest = scheme < 0 ? first : first[(scheme + 3)..];
            var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOf(':');
            var host = hostEnd <= 0 ? rest : rest[..hostEnd];
            var port = hostEnd <= 0 || hostEnd >= rest.Length ? "" : rest[hostEnd..].TrimEnd('/');
            if (host is "0.0.0.0" or "+" or "*" or "[::]" or "") host = "127.0.0.1";
            return new Uri($"{(scheme < 0 ? "http" : first[..scheme])}://{host}{port}/");
        }
        var httpPort = httpPorts?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new Uri($"http://127.0.0.1:{httpPort ?? "8080"}/");
    }

    /// <summary>
    /// Serves until stopped; with "migrate" first in <paramref name="args"/>, creates the service's
    /// database when missing and applies every change of its event store's schema, then exits 0.
    /// Nothing else starts: no bus, daemon or sweep. Idempotent: a second run finds nothing to do.
    /// </summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Migrate)
        {
            await app.RunAsync();
            return 0;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceCommands));
        var database = app.Services.GetService<EventStoreDatabase>();
        var store = app.Services.GetService<IDocumentStore>();
        if (database is null || store is null)
        {
            logger.LogInformation("Nothing to migrate: this host keeps no event store");
            return 0;
        }
        using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await new DatabaseBootstrapper(database, app.Services.GetRequiredService<ILogger<DatabaseBootstrapper>>())
            .StartingAsync(stopping.Token);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        if (app.Services.GetService<KeyStoreDatabase>() is not null) await KeyStoreSetup.PrepareAsync(app.Services, stopping.Token);
        logger.LogWarning("The schema of database {Database} is current", database.Name);
        return 0;
    }
}
