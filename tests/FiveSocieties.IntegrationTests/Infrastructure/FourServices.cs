using Case = FiveSocieties.Cases.Cases.Case;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Volunteers.ServedCases;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>The four services of one test class, started once and shared by its tests.</summary>
public sealed class FourServices : IAsyncLifetime
{
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Cases { get; private set; } = null!;
    public ServiceHost<KnownCase> Matching { get; private set; } = null!;
    public ServiceHost<ServedCase> Volunteers { get; private set; } = null!;
    public ServiceHost<Recipient> Notifications { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        // Consumers first: their queues must be bound before Cases publishes.
        Matching = await new ServiceHost<KnownCase>("matching", Isolation).StartAsync();
        Volunteers = await new ServiceHost<ServedCase>("volunteers", Isolation).StartAsync();
        Notifications = await new ServiceHost<Recipient>("notifications", Isolation).StartAsync();
        Cases = await new ServiceHost<Case>("cases", Isolation).StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Cases, Matching, Volunteers, Notifications })
            if (host is not null) await host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}
