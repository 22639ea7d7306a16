using System.Collections.Concurrent;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// Each kind of sweep runs in one replica at a time, on the real PostgreSQL: two replicas of a
/// service (here, two small hosts sharing its database and schema) tick together, one sweeps.
/// </summary>
public sealed class SweepLeaseTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private readonly ConcurrentQueue<string> _swept = new();
    private readonly List<Replica> _replicas = [];

    private sealed record ReplicaName(string Value);

    private sealed class CountingSweep(ReplicaName replica, ConcurrentQueue<string> swept) : IPeriodicSweep
    {
        public Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            swept.Enqueue(replica.Value);
            return Task.CompletedTask;
        }
    }

    /// <summary>How often the replica passed its turn because another holds the lease, told by its log.</summary>
    private sealed class PassedTurns : ILoggerProvider, ILogger
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("another replica holds its lease")) Interlocked.Increment(ref _count);
        }

        public void Dispose() { }
    }

    private sealed record Replica(string Name, IHost Host, FakeTimeProvider Clock, PassedTurns Passed);

    public Task InitializeAsync() => _isolation.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) replica.Host.Dispose();
        await _isolation.DisposeAsync();
    }

    private async Task<Replica> StartReplicaAsync(string name)
    {
        var builder = Host.CreateApplicationBuilder();
        var passed = new PassedTurns();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(passed);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(new EventStoreDatabase(LocalServers.PostgresFor(LocalServers.TestDatabase), LocalServers.TestDatabase));
        builder.Services.AddSingleton(new EventStoreSettings { Schema = _isolation.SchemaFor("sweeps") });
        builder.Services.AddSingleton(new ReplicaName(name));
        builder.Services.AddSingleton(_swept);
        builder.Services.AddPeriodicSweep<CountingSweep>(TimeSpan.FromMinutes(1));
        var host = builder.Build();
        await host.StartAsync();
        var replica = new Replica(name, host, clock, passed);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>A minute passes on both replicas; returns once each has swept or passed its turn.</summary>
    private async Task TickAsync(params Replica[] replicas)
    {
        var before = replicas.Select(r => Turns(r)).ToList();
        foreach (var replica in replicas) replica.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => Task.FromResult(replicas.Select((r, i) => Turns(r) > before[i]).All(t => t)), all => all,
            "a turn of every replica");
    }

    private int Turns(Replica replica) => _swept.Count(s => s == replica.Name) + replica.Passed.Count;

    [Fact]
    public async Task Two_replicas_ticking_together_sweep_once_and_the_survivor_takes_over_when_the_holder_dies()
    {
        var a = await StartReplicaAsync("a");
        var b = await StartReplicaAsync("b");

        for (var minute = 0; minute < 3; minute++) await TickAsync(a, b);
        _swept.Count.ShouldBe(3);
        _swept.Distinct().Count().ShouldBe(1); // whichever asked first keeps it
        var holder = _swept.First() == "a" ? a : b;
        var other = holder == a ? b : a;

        // The holder's connection dies (the server ended its session): the other takes the sweep over.
        await TerminateLeaseSessionAsync();
        await Eventually.Until(HoldersAsync, holders => holders == 0, "the terminated session's lock freed");
        await TickAsync(a, b);
        await TickAsync(a, b);
        _swept.Skip(3).ShouldBe([other.Name, other.Name]);

        // The new holder stops (an upgrade, a crash): the first takes it back at its next tick.
        await other.Host.StopAsync();
        other.Host.Dispose();
        _replicas.Remove(other);
        await TickAsync(holder);
        _swept.Last().ShouldBe(holder.Name);
        _swept.Count.ShouldBe(6);
    }

    private async Task TerminateLeaseSessionAsync() => (await OnLeaseLocksAsync("count(pg_terminate_backend(pid))")).ShouldBe(1);

    private Task<long> HoldersAsync() => OnLeaseLocksAsync("count(*)");

    private async Task<long> OnLeaseLocksAsync(string select)
    {
        var key = SweepLease.KeyOf($"sweep:{_isolation.SchemaFor("sweeps")}:{typeof(CountingSweep).FullName}");
        await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase));
        await connection.OpenAsync();
        // A bigint key is held as two 32-bit halves: classid the high, objid the low.
        await using var command = new NpgsqlCommand($"""
            select {select} from pg_locks
            where locktype = 'advisory' and granted and classid = @high and objid = @low and objsubid = 1
            """, connection);
        command.Parameters.AddWithValue("high", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key >> 32));
        command.Parameters.AddWithValue("low", NpgsqlTypes.NpgsqlDbType.Oid, (uint)(key & 0xFFFFFFFF));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
