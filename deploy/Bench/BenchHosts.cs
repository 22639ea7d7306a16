using System.Collections.Concurrent;
using System.Diagnostics;
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

namespace FiveSocieties.Bench;

/// <summary>A domain event of the benchmark's source service (one per stream, like a case opening).</summary>
public sealed record BenchEventAppended(Guid StreamId, int Number);

/// <summary>Its integration event, as the relay publishes it.</summary>
public sealed record BenchPing(Guid StreamId, int Number);

/// <summary>The bench source's outgoing map: every appended event becomes a ping.</summary>
public sealed class BenchMapper : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } = [typeof(BenchEventAppended)];
    public object? Map(IEvent @event) => @event.Data is BenchEventAppended e ? new BenchPing(e.StreamId, e.Number) : null;
}

/// <summary>When each ping reached the other service (Stopwatch ticks), keyed by stream.</summary>
public sealed class ArrivalLog
{
    public ConcurrentDictionary<Guid, long> Arrivals { get; } = new();
}

/// <summary>"Another service": a consumer behind the inbox that writes one event per ping, as real consumers do.</summary>
public sealed class BenchPingConsumer(IDocumentStore store, ArrivalLog log) : InboxConsumer<BenchPing>(store)
{
    protected override Task HandleAsync(BenchPing message, IDocumentSession session, ConsumeContext<BenchPing> context)
    {
        session.Events.Append(message.StreamId, new BenchEventAppended(message.StreamId, message.Number));
        return Task.CompletedTask;
    }

    protected override Task AfterCommitAsync(ConsumeContext<BenchPing> context)
    {
        log.Arrivals.TryAdd(context.Message.StreamId, Stopwatch.GetTimestamp()); // committed
        return Task.CompletedTask;
    }
}

/// <summary>
/// "Another service" on the hot-path inbox: the same work as <see cref="BenchPingConsumer"/> (an
/// inbox record and one event per ping), committed by <see cref="InboxGroupCommit{TWork}"/> —
/// whatever pings wait while a commit is under way share the next one.
/// </summary>
public sealed class GroupPingConsumer(GroupPingCommits commits, ArrivalLog log) : IConsumer<BenchPing>
{
    public async Task Consume(ConsumeContext<BenchPing> context)
    {
        await commits.Group.HandleAsync(context, context.Message);
        log.Arrivals.TryAdd(context.Message.StreamId, Stopwatch.GetTimestamp()); // committed
    }
}

/// <summary>The sink's one group committer (a singleton: consumers are made per message).</summary>
public sealed class GroupPingCommits(IDocumentStore store, ILogger<GroupPingCommits> logger)
{
    public InboxGroupCommit<BenchPing> Group { get; } = new(store, typeof(GroupPingConsumer), new InboxGroupCommitOptions(),
        (pings, session, _) =>
        {
            foreach (var ping in pings) session.Events.Append(ping.StreamId, new BenchEventAppended(ping.StreamId, ping.Number));
            return Task.CompletedTask;
        }, logger);
}

/// <summary>A consumer with no database work: isolates the relay and the bus from the inbox's commits.</summary>
public sealed class PlainPingConsumer(ArrivalLog log) : IConsumer<BenchPing>
{
    public Task Consume(ConsumeContext<BenchPing> context)
    {
        log.Arrivals.TryAdd(context.Message.StreamId, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}

public static class BenchHosts
{
    public const string Database = "fivesoc_bench";

    private static HostApplicationBuilder Builder(string name, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WorkerHost.CreateBuilder(name, [
            new("EventStore:Database", Database),
            new("EventStore:Schema", name.Replace('-', '_')),
            new("EventStore:DaemonMode", "Solo"),
            .. settings,
        ]);
        builder.Logging.ClearProviders().AddConsole();
        if (Environment.GetEnvironmentVariable("FIVESOC_BENCH_TRACE") == "1")
            builder.Logging.AddFilter("FiveSocieties", LogLevel.Debug).AddFilter("JasperFx.Events.Daemon", LogLevel.Debug);
        return builder;
    }

    /// <summary>The source service: event store plus relay (started later, so appends can be measured alone first).</summary>
    public static IHost Source(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Builder("bench-source", settings);
        builder.AddEventStore(_ => { }).AddIntegrationEventRelay<BenchMapper>(builder.Configuration);
        builder.AddMessaging(_ => { });
        return builder.Build();
    }

    /// <summary>The other service's consumer: a transaction per message, the group-commit inbox, or no database work.</summary>
    public static readonly IReadOnlyList<string> ConsumerKinds = ["inbox", "group", "plain"];

    /// <param name="consumer">One of <see cref="ConsumerKinds"/>.</param>
    public static IHost Sink(ArrivalLog log, string consumer, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Builder("bench-sink", settings);
        builder.AddEventStore(_ => { });
        builder.AddMessaging(bus =>
        {
            switch (consumer)
            {
                case "inbox": bus.AddConsumer<BenchPingConsumer>(); break;
                case "group": bus.AddConsumer<GroupPingConsumer>(); break;
                case "plain": bus.AddConsumer<PlainPingConsumer>(); break;
                default: throw new ArgumentException($"unknown consumer kind '{consumer}': {string.Join(", ", ConsumerKinds)}", nameof(consumer));
            }
        });
        builder.Services.AddSingleton(log);
        if (consumer == "group") builder.Services.AddSingleton<GroupPingCommits>();
        return builder.Build();
    }

}
