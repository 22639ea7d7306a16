using System.Collections.Concurrent;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>One effect of a consumed message: an event in the probe's own store.</summary>
public sealed record CaseOpenedSeen(Guid CaseId, Guid MessageId);

/// <summary>What reached the probe: every delivery (duplicates included) and every call of the handler.</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<Guid> Deliveries { get; } = new();
    public ConcurrentQueue<Guid> Handled { get; } = new();
    public IReadOnlySet<Guid> Poison { get; init; } = new HashSet<Guid>();
    /// <summary>Cases whose first handling also starts a stream another writer started first (a race lost): case → that stream.</summary>
    public ConcurrentDictionary<Guid, Guid> LoseARaceOnce { get; } = new();
}

/// <summary>Sees each message as the bus hands it over, before the inbox can drop it.</summary>
public sealed class DeliveryObserver(DeliveryLog log) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is V1.CaseOpened opened) log.Deliveries.Enqueue(opened.CaseId);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>
/// A consumer with no natural idempotency: every call appends an event. Only the inbox stands
/// between a duplicate delivery and a second effect, which is what the tests need to see.
/// </summary>
public sealed class CountingConsumer(IDocumentStore store, DeliveryLog log) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context)
    {
        log.Handled.Enqueue(message.CaseId);
        if (log.Poison.Contains(message.CaseId)) throw new InvalidOperationException($"poison: case {message.CaseId}");
        session.Events.Append(message.CaseId, new CaseOpenedSeen(message.CaseId, context.MessageId!.Value));
        if (log.LoseARaceOnce.TryRemove(message.CaseId, out var taken))
            session.Events.StartStream(taken, new CaseOpenedSeen(taken, context.MessageId!.Value));
        return Task.CompletedTask;
    }
}

/// <summary>The same consumer by group commit: the messages waiting at one moment commit together.</summary>
public sealed class GroupedCountingConsumer(CountingGroups groups) : IConsumer<V1.CaseOpened>
{
    public Task Consume(ConsumeContext<V1.CaseOpened> context) => groups.Commit.HandleAsync(context, (context.Message, context.MessageId!.Value));
}

public sealed class CountingGroups(IDocumentStore store, DeliveryLog log, ILogger<CountingGroups> logger)
{
    public InboxGroupCommit<(V1.CaseOpened Message, Guid MessageId)> Commit { get; } = new(store, typeof(GroupedCountingConsumer),
        new InboxGroupCommitOptions(), (group, session, _) =>
        {
            foreach (var (message, messageId) in group)
            {
                log.Handled.Enqueue(message.CaseId);
                if (log.Poison.Contains(message.CaseId)) throw new InvalidOperationException($"poison: case {message.CaseId}");
                session.Events.Append(message.CaseId, new CaseOpenedSeen(message.CaseId, messageId));
            }
            return Task.CompletedTask;
        }, logger);
}

/// <summary>"Another service": a worker host of its own (own schema, own queue) built from the building blocks.</summary>
public sealed class ProbeService : IAsyncDisposable
{
    private readonly IHost _host;
    public DeliveryLog Log { get; }
    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();
    public IBus Bus => _host.Services.GetRequiredService<IBus>();
    /// <summary>The group commit's counts (a grouped probe only).</summary>
    public (long Groups, long Messages) Grouped => _host.Services.GetRequiredService<CountingGroups>().Commit.Committed;

    private ProbeService(IHost host, DeliveryLog log) { _host = host; Log = log; }

    /// <param name="grouped">Consume by group commit (<see cref="GroupedCountingConsumer"/>) rather than one commit per message.</param>
    public static async Task<ProbeService> StartAsync(TestIsolation isolation, string name = "probe", DeliveryLog? log = null,
        int concurrency = 64, bool grouped = false)
    {
        log ??= new DeliveryLog();
        var builder = WorkerHost.CreateBuilder(name, [
            .. isolation.SettingsFor(name),
            new("Messaging:ConcurrentMessageLimit", concurrency.ToString()),
            new("Messaging:RetryLimit", "2"),
        ]);
        builder.Logging.ToCaptureOnly(name);
        builder.AddEventStore(_ => { });
        builder.AddMessaging(bus =>
        {
            if (grouped) bus.AddConsumer<GroupedCountingConsumer>();
            else bus.AddConsumer<CountingConsumer>();
            bus.AddConsumeObserver<DeliveryObserver>();
        });
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton<CountingGroups>();
        var host = builder.Build();
        await host.StartAndWaitForBusAsync();
        return new ProbeService(host, log);
    }

    /// <summary>Effects: the events the consumer committed, per case.</summary>
    public async Task<IReadOnlyList<CaseOpenedSeen>> EffectsAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryRawEventDataOnly<CaseOpenedSeen>().ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync(); else _host.Dispose();
    }
}
