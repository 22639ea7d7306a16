using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>A domain event of the test source service; <see cref="Unmappable"/> ones break its mapper.</summary>
public sealed record ClientRegistered(Guid CaseId, bool Unmappable);

/// <summary>Maps ClientRegistered to CaseOpened (so the probe counts it), and fails on purpose for unmappable ones.</summary>
public sealed class SourceMapper : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } = [typeof(ClientRegistered)];

    public object? Map(IEvent @event) => @event.Data is ClientRegistered registered
        ? registered.Unmappable
            ? throw new InvalidOperationException("a mapping bug")
            : new V1.CaseOpened(@event.Id, DateTimeOffset.UtcNow, registered.CaseId, Guid.NewGuid(), Guid.NewGuid(),
                V1.ClientGroup.Elderly, [], new V1.GridLocation("阳高县", "龙泉镇", "LQ-1"))
        : null;
}

/// <summary>A service that owns an event store and a relay, built from the building blocks.</summary>
public sealed class SourceService : IAsyncDisposable
{
    private readonly IHost _host;
    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    private SourceService(IHost host) => _host = host;

    public static async Task<SourceService> StartAsync(TestIsolation isolation, string name = "source")
    {
        // Critical only: the mapping bug it is built to have would log an error per attempt.
        var builder = WorkerHost.CreateBuilder(name, isolation.SettingsFor(name), LogLevel.Critical);
        builder.Logging.ToCaptureOnly(name, LogLevel.Critical);
        builder.AddEventStore(_ => { }).AddIntegrationEventRelay<SourceMapper>(builder.Configuration);
        builder.AddMessaging(_ => { });
        var host = builder.Build();
        await host.StartAndWaitForBusAsync();
        return new SourceService(host);
    }

    public async Task AppendAsync(params ClientRegistered[] events)
    {
        await using var session = Store.LightweightSession();
        foreach (var e in events) session.Events.StartStream(e.CaseId, e);
        await session.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync(); else _host.Dispose();
    }
}
