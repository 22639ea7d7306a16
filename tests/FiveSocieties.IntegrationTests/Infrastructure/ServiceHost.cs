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

public static class TestHostObservation
{
    /// <summary>
    /// What every service under test gets: its log in the run's capture only, at Information (the
    /// production level, read by the log scan; the files are in .local/test-capture), never on the
    /// console, where a green run shows the runners' summaries alone; the recorder of the personal
    /// values tests send, and the count of messages each queue has received.
    /// </summary>
    public static IWebHostBuilder ObservedForTests(this IWebHostBuilder builder, string service)
    {
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddProvider(new CapturedLoggerProvider(service));
        });
        return builder.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter, PersonalValueRecorder>();
            s.AddSingleton<ReceivedMessages>();
            s.AddReceiveObserver(provider => provider.GetRequiredService<ReceivedMessages>());
        });
    }

    /// <summary>
    /// A test's stand-in host (a probe, a publisher, a fake authority): its warnings and errors go
    /// to the run's capture, never to the console.
    /// </summary>
    public static ILoggingBuilder ToCaptureOnly(this ILoggingBuilder logging, string name, LogLevel minimum = LogLevel.Warning)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(minimum);
        logging.AddProvider(new CapturedLoggerProvider(name));
        return logging;
    }

    /// <summary>How many messages the service's <paramref name="queue"/> has finished receiving (consumed, duplicates included, or faulted).</summary>
    public static int ReceivedOn(this IServiceProvider services, string queue) => services.GetRequiredService<ReceivedMessages>().On(queue);
}

/// <summary>
/// One of the four services, running in the test process against the real servers, in the
/// test class's own schema and virtual host. <typeparamref name="TMarker"/> is any type of the
/// service's assembly (it locates the entry point). <paramref name="environment"/>: the hosting
/// environment (Development unless a test needs the deployed behaviour).
/// </summary>
public sealed class ServiceHost<TMarker>(
    string service, TestIsolation isolation, Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string>? settings = null, string environment = "Development")
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public string Schema => isolation.SchemaFor(service);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in isolation.SettingsFor(service)) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ObservedForTests(service);
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>
    /// Serves on Kestrel (a real socket on a free port of 127.0.0.1) instead of the in-memory test
    /// server: what Kestrel itself enforces, such as the request body limit, only happens there.
    /// Call before <see cref="StartAsync"/>; clients then talk to it over HTTP.
    /// </summary>
    public ServiceHost<TMarker> OnKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>Starts the host and waits until its bus has declared its queues and is consuming.</summary>
    public async Task<ServiceHost<TMarker>> StartAsync()
    {
        StartServer(); // builds and starts the host (the test server, or Kestrel)
        await Services.WaitForBusAsync();
        return this;
    }

    /// <summary>How many messages the service's <paramref name="queue"/> has finished receiving (consumed, duplicates included, or faulted).</summary>
    public int ReceivedOn(string queue) => Services.ReceivedOn(queue);

    public HttpClient ClientAs(string role, Guid? userId = null, Guid? stationId = null, Guid? providerId = null, string? districtCode = null)
    {
        var client = CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId ?? Guid.NewGuid(), [role], stationId, providerId: providerId,
            districtCode: districtCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
