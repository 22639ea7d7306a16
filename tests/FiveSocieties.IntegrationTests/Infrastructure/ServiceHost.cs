using System.Net.Http.Headers;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure.Capture;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// One of the four services, running in the test process against the real servers, in the
/// test class's own schema and virtual host. <typeparamref name="TMarker"/> is any type of the
/// service's assembly (it locates the entry point).
/// </summary>
public sealed class ServiceHost<TMarker>(
    string service, TestIsolation isolation, Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public string Schema => isolation.SchemaFor(service);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in isolation.SettingsFor(service)) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            // The log scan reads what production would log (Information), whatever the console shows.
            logging.AddProvider(new CapturedLoggerProvider(service));
            logging.AddFilter<CapturedLoggerProvider>(null, LogLevel.Information);
        });
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PersonalValueRecorder>());
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>Starts the host and waits until its bus has declared its queues and is consuming.</summary>
    public async Task<ServiceHost<TMarker>> StartAsync()
    {
        _ = Server; // builds and starts the host
        await Services.WaitForBusAsync();
        return this;
    }

    public HttpClient ClientAs(string role, Guid? userId = null, Guid? stationId = null, Guid? providerId = null)
    {
        var client = CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId ?? Guid.NewGuid(), [role], stationId, providerId: providerId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
