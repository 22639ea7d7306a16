using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Volunteers.ServedCases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.EndToEnd;

/// <summary>
/// The four services of the end-to-end tests, on the real servers, sharing one clock the tests
/// move: the city's time, so deadlines, escalations and tomorrow's deliveries come when asked.
/// </summary>
public sealed class City : IAsyncLifetime, ICityClients
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Cases { get; private set; } = null!;
    public ServiceHost<KnownCase> Matching { get; private set; } = null!;
    public ServiceHost<ServedCase> Volunteers { get; private set; } = null!;
    public ServiceHost<Recipient> Notifications { get; private set; } = null!;

    /// <summary>The stations' local date (China Standard Time).</summary>
    public DateOnly LocalToday => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A client of one service for one caller, as the CLI's seeder and simulator ask for them (<see cref="FiveSocieties.Cli.Seed.ClientFactory"/>).</summary>
    public HttpClient ClientFor(string service, string role, Guid user, Guid? station = null, Guid? provider = null) => service switch
    {
        "cases" => Cases.ClientAs(role, user, station, provider),
        "matching" => Matching.ClientAs(role, user, station, provider),
        "volunteers" => Volunteers.ClientAs(role, user, station, provider),
        "notifications" => Notifications.ClientAs(role, user, station, provider),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        void OnTheCityClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
        // Consumers first: their queues must be bound before anyone publishes.
        Matching = await new ServiceHost<KnownCase>("matching", Isolation, OnTheCityClock).StartAsync();
        Volunteers = await new ServiceHost<ServedCase>("volunteers", Isolation, OnTheCityClock).StartAsync();
        Notifications = await new ServiceHost<Recipient>("notifications", Isolation, OnTheCityClock).StartAsync();
        Cases = await new ServiceHost<Case>("cases", Isolation, OnTheCityClock).StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Cases, Matching, Volunteers, Notifications })
            if (host is not null) await host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}
