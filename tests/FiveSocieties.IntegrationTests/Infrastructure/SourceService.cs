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

/// <summary>
/// Maps ClientRegistered to CaseOpened (so the probe counts it), and fails on purpose for unmappable ones
/// and, once, for those in <see cref="FailOnce"/> (the first mapping is publish-on-commit's). The mapping
/// of a case in <see cref="Gates"/> waits for its gate to open (after its failure, if it has one).
/// </summary>
public sealed class SourceMapper : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } = [typeof(ClientRegistered)];
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> FailOnce { get; } = new();
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource> Gates { get; } = new();

    public async ValueTask<object?> MapAsync(IEvent @event, CancellationToken cancellationToken)
    {
        if (@event.Data is ClientRegistered { CaseId: var caseId } && !FailOnce.ContainsKey(caseId) && Gates.TryGetValue(caseId, out var gate))
            await gate.Task.WaitAsync(cancellationToken);
        return Map(@event);
    }

    public object? Map(IEvent @event) => @event.Data is ClientRegistered registered
        ? registered.Unmappable || FailOnce.TryRemove(registered.CaseId, out _)
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
    public SourceMapper Mapper => (SourceMapper)_host.Services.GetRequiredService<IIntegrationEventMapper>();
    public PublishOnCommit PublishOnCommit => _host.Services.GetRequiredService<PublishOnCommit>();

    private SourceService(IHost host) => _host = host;

    /// <param name="withoutDaemon">Publish on commit only, as a process that dies before its daemon comes round.</param>
    public static async Task<SourceService> StartAsync(TestIsolation isolation, string name = "source", bool withoutDaemon = false)
    {
        // Critical only: the mapping bug it is built to have would log an error per attempt.
        var settings = isolation.SettingsFor(name).Where(s => !withoutDaemon || s.Key != "EventStore:DaemonMode").ToList();
        if (withoutDaemon) settings.Add(new("EventStore:DaemonMode", nameof(JasperFx.Events.Daemon.DaemonMode.Disabled)));
        var builder = WorkerHost.CreateBuilder(name, settings, LogLevel.Critical);
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

    /// <summary>Appends <paramref name="event"/> to <paramref name="stream"/> (started when new), in a commit of its own.</summary>
    public async Task AppendToAsync(Guid stream, ClientRegistered @event)
    {
        await using var session = Store.LightweightSession();
        var state = await session.Events.FetchStreamStateAsync(stream);
        if (state is null) session.Events.StartStream(stream, @event);
        else session.Events.Append(stream, state.Version + 1, @event);
        await session.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync(); else _host.Dispose();
    }
}
