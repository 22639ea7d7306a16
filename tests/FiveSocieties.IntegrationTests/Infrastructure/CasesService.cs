using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>The Cases service alone, for tests of its own API.</summary>
public sealed class CasesService : IAsyncLifetime
{
    public TestIsolation Isolation { get; } = new();
    public ServiceHost<Case> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Host = await new ServiceHost<Case>("cases", Isolation).StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Isolation.DisposeAsync();
    }
}
