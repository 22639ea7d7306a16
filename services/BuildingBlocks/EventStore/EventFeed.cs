using JasperFx.Events;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// The notice every commit that appends events sends on its store's channel, so that each
/// replica following the store (<see cref="EventFeed"/>) looks at once instead of at its next poll.
/// One empty NOTIFY per transaction, delivered by PostgreSQL on commit; a rolled-back one sends none.
/// </summary>
public sealed class AppendNotices(string channel) : DocumentSessionListenerBase
{
    public static string Channel(string schema) => $"fivesoc_events_{schema}";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (session.PendingChanges.Streams().Any()) CommitNotices.QueueOnCommit(session, channel, ["appended"]);
        return Task.CompletedTask;
    }
}

/// <summary>An event as the feed hands it on: where it sits in the store, its stream and its type.</summary>
public sealed record FedEvent(long Sequence, Guid StreamId, Type EventType);

/// <summary>How an <see cref="EventFeed"/> follows its store.</summary>
public sealed record EventFeedOptions
{
    /// <summary>The look that backs up a lost notice (the listener reconnecting, a notice sent by a process without <see cref="AppendNotices"/>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a missing sequence number is waited for: a transaction that took it may still
    /// commit (then its events arrive late, below numbers already read); one that rolled back
    /// never will. Appends commit within milliseconds of taking their numbers.
    /// </summary>
    public TimeSpan GapLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many of the last sequence numbers before the start are checked for transactions still in flight.</summary>
    public int StartWindow { get; init; } = 1_000;

    public int PageSize { get; init; } = 1_000;
}

/// <summary>
/// Follows one event store from this process, for state a replica keeps in memory (Matching's
/// index): it starts at the store's high-water mark (<see cref="StartAsync"/>, before the state is
/// loaded, so nothing committed after the load is missed), reads the events appended after its
/// position in sequence order, and hands those of the types it follows to <c>apply</c>. It is woken
/// by <see cref="AppendNotices"/>, backed by a poll; <see cref="CatchUpAsync"/> lets a caller wait
/// until its own commit has been applied.
///
/// Sequence numbers are taken before commit, so a slow transaction can make a lower number
/// visible after a higher one. The feed keeps the numbers it has not seen yet as gaps and reads
/// them again each time until they arrive or outlive <see cref="EventFeedOptions.GapLifetime"/>
/// (rolled back). So an event may be applied after a later one: <c>apply</c> must not depend on
/// order across streams (reloading the current state of what changed is safe).
/// </summary>
public sealed class EventFeed
{
    private readonly IDocumentStore _store;
    private readonly EventFeedOptions _options;
    private readonly Func<IReadOnlyList<FedEvent>, CancellationToken, Task> _apply;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Type> _followed;
    private readonly string _events;
    private readonly CommitNoticeListener _listener;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TimeProvider _time = TimeProvider.System;
    private long _position = -1; // not started
    private readonly Dictionary<long, long> _gaps = []; // sequence → when first missed (timestamp)
    private long _cyclesStarted;
    private long _cyclesFinished;

    public EventFeed(IDocumentStore store, EventStoreDatabase database, IEnumerable<Type> eventTypes,
        Func<IReadOnlyList<FedEvent>, CancellationToken, Task> apply, EventFeedOptions options, ILogger logger)
    {
        (_store, _apply, _options, _logger) = (store, apply, options, logger);
        var events = store.Options.Events;
        _followed = eventTypes.ToDictionary(t => t.GetEventTypeName(events.EventNamingStyle));
        _events = $"\"{events.DatabaseSchemaName}\".mt_events";
        _listener = new CommitNoticeListener(database.ConnectionString, AppendNotices.Channel(events.DatabaseSchemaName), logger);
    }

    /// <summary>The highest sequence number read (every one below it applied, or waited for as a gap).</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Whether the feed hears commits as they happen (for a health check); without it, it polls.</summary>
    public bool IsListening => _listener.IsListening;

    /// <summary>
    /// Takes the store's high-water mark as the position, and the numbers missing just below it as
    /// gaps (transactions still in flight). Call before loading the state the feed keeps current.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            long top;
            await using (var max = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {_events}", connection))
                top = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
            var seen = new HashSet<long>();
            await using (var window = new NpgsqlCommand($"select seq_id from {_events} where seq_id > @from and seq_id <= @top", connection))
            {
                window.Parameters.AddWithValue("from", top - _options.StartWindow);
                window.Parameters.AddWithValue("top", top);
                await using var reader = await window.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) seen.Add(reader.GetInt64(0));
            }
            var now = _time.GetTimestamp();
            _gaps.Clear();
            for (var s = Math.Max(1, top - _options.StartWindow + 1); s <= top; s++)
                if (!seen.Contains(s)) _gaps[s] = now;
            Interlocked.Exchange(ref _position, top);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Listens for notices and applies what they announce (and what a poll finds) until the process stops.</summary>
    public Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            _listener.RunAsync((_, _) => { Wake(); return ValueTask.CompletedTask; }, _ => { Wake(); return Task.CompletedTask; }, stoppingToken),
            FollowAsync(stoppingToken));

    /// <summary>Asks for a look at the store soon (a notice, or a commit of this process).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A look is pending already: it will see this too.
        }
    }

    /// <summary>
    /// Returns once a look at the store that began after this call has been applied: a caller that
    /// committed just before sees its events applied (this replica reads its own writes).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var arrived = Interlocked.Read(ref _cyclesStarted);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cyclesFinished > arrived || Position < 0) return;
            await CycleAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken);
                await CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // What was not applied is read again at the next look.
                _logger.LogWarning(e, "Following the event store failed at position {Position}; trying again in {Interval}",
                    Position, _options.PollInterval);
            }
        }
    }

    /// <summary>One look: reads everything after the position and the gaps, applies it, then moves on. Runs under the gate.</summary>
    private async Task CycleAsync(CancellationToken cancellationToken)
    {
        var cycle = Interlocked.Increment(ref _cyclesStarted);
        var position = Position;
        var gaps = new Dictionary<long, long>(_gaps);
        var now = _time.GetTimestamp();
        foreach (var (sequence, since) in gaps)
            if (_time.GetElapsedTime(since, now) > _options.GapLifetime) gaps.Remove(sequence);

        await using var connection = await OpenAsync(cancellationToken);
        while (true)
        {
            var fed = new List<FedEvent>();
            var rows = 0;
            await using (var read = new NpgsqlCommand(
                $"select seq_id, stream_id, type from {_events} where seq_id > @position or seq_id = any(@gaps) order by seq_id limit @page",
                connection))
            {
                read.Parameters.AddWithValue("position", position);
                read.Parameters.AddWithValue("gaps", gaps.Keys.ToArray());
                read.Parameters.AddWithValue("page", _options.PageSize);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    var sequence = reader.GetInt64(0);
                    if (sequence <= position) gaps.Remove(sequence);
                    else
                    {
                        // A jump larger than the page is not one slow transaction per number: wait for the last few only.
                        for (var missing = Math.Max(position + 1, sequence - _options.PageSize); missing < sequence; missing++) gaps[missing] = now;
                        position = sequence;
                    }
                    if (_followed.TryGetValue(reader.GetString(2), out var type)) fed.Add(new FedEvent(sequence, reader.GetGuid(1), type));
                }
            }
            if (fed.Count > 0) await _apply(fed, cancellationToken);
            // Applied: only now does the feed move on, so a failed apply is read again.
            _gaps.Clear();
            foreach (var (sequence, since) in gaps) _gaps[sequence] = since;
            Interlocked.Exchange(ref _position, position);
            if (rows < _options.PageSize) break;
        }
        _cyclesFinished = cycle;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)_store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
