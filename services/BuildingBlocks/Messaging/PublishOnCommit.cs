using System.Diagnostics.Metrics;
using FiveSocieties.BuildingBlocks.EventStore;
using JasperFx.Events;
using Marten;
using Marten.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// The relay's fast path: a session that commits domain events has them mapped and published by
/// this process at once, with publisher confirms, instead of waiting for the daemon's next look.
/// The daemon's <see cref="IntegrationEventRelay"/> stays the guarantee: it reads every event as
/// before and publishes only what this path did not confirm (a publish that failed or timed out,
/// a process that died between commit and publish, events appended by another process), so the
/// path costs no database write of its own. A crash may publish an event twice; inboxes drop it.
///
/// Per-stream order: a stream's commits go out one after another, each after the previous one's
/// confirmation. A commit whose versions do not follow the last one published (another writer
/// came in between), or whose stream has an event waiting for the daemon, is not published here
/// but left to the daemon, which publishes a stream's events in order; the stream is held back
/// until the daemon has passed its waiting events. The same holds back everything committed
/// before the daemon has caught up with the events stored when this process started.
/// </summary>
public sealed class PublishOnCommit(IServiceProvider services, AppendSignal signal, RelaySettings settings, TimeProvider clock)
    : DocumentSessionListenerBase
{
    private static readonly Counter<long> LeftToDaemon = IntegrationEventRelay.Meter.CreateCounter<long>("fivesoc.relay.left_to_catch_up");

    /// <summary>Events whose outcome here the daemon waits for (true: published, or nothing to publish).</summary>
    private readonly Dictionary<Guid, Outcome> _outcomes = new();
    /// <summary>The outcomes a session registered, for its commit to settle (the daemon may have taken them from <see cref="_outcomes"/> by then).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, Dictionary<Guid, Outcome>> _bySession = new();
    /// <summary>Per stream: the last version handed to this path and the publication it chains after.</summary>
    private readonly Dictionary<Guid, Tail> _tails = new();
    /// <summary>Per stream: relayed events left to the daemon and not yet passed by it.</summary>
    private readonly Dictionary<Guid, Held> _held = new();
    private readonly Lock _gate = new();
    private volatile bool _caughtUp;
    private long _registered, _publishedHere, _leftToDaemon;

    private IIntegrationEventMapper? _mapper;
    private IBus? _bus;
    private ILogger? _logger;
    // Resolved on first use: the mapper may need the document store, which is being built when this is made.
    private IIntegrationEventMapper Mapper => _mapper ??= services.GetRequiredService<IIntegrationEventMapper>();
    private IBus Bus => _bus ??= services.GetRequiredService<IBus>();
    private ILogger Logger => _logger ??= services.GetRequiredService<ILogger<PublishOnCommit>>();

    /// <summary>Relayed events this path settled (published, or mapped to nothing) and those it left to the daemon, since the start.</summary>
    public (long PublishedHere, long LeftToDaemon) Counts => (Interlocked.Read(ref _publishedHere), Interlocked.Read(ref _leftToDaemon));

    /// <summary>Once the daemon has passed every event stored at start, this path may publish.</summary>
    public bool CaughtUp => _caughtUp;

    internal void MarkCaughtUp() => _caughtUp = true;

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        // Registered before the commit, so that a daemon that reads the events the moment they are
        // committed finds them and waits for this path rather than publishing them a second time.
        var relayed = Mapper.RelayedEventTypes;
        var now = clock.GetTimestamp();
        var mine = new Dictionary<Guid, Outcome>();
        lock (_gate)
            foreach (var stream in session.PendingChanges.Streams())
            foreach (var @event in stream.Events)
                if (relayed.Contains(@event.EventType))
                {
                    var outcome = new Outcome(now);
                    _outcomes[@event.Id] = outcome;
                    mine[@event.Id] = outcome;
                }
        if (mine.Count > 0) _bySession.AddOrUpdate(session, mine);
        if (Interlocked.Increment(ref _registered) % 4096 == 0) Forget(now);
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        // The change set is the session's own and is reset once the listeners return: copy what is needed now.
        if (!_bySession.TryGetValue(session, out var mine)) return Task.CompletedTask;
        _bySession.Remove(session);
        var leftToDaemon = false;
        foreach (var stream in commit.GetStreams())
        {
            var events = stream.Events.ToList();
            var toPublish = new List<Relayed>();
            foreach (var @event in events)
                if (mine.TryGetValue(@event.Id, out var outcome)) toPublish.Add(new Relayed(@event, outcome));
            if (toPublish.Count == 0) continue;
            Task<bool>? previous;
            Tail tail;
            lock (_gate)
            {
                var first = events[0].Version;
                var follows = first > 0 && events[^1].Version == first + events.Count - 1
                    && (_tails.TryGetValue(stream.Id, out var last) ? last.Version == first - 1 : true);
                if (!_caughtUp || !follows || _held.ContainsKey(stream.Id))
                {
                    HoldLocked(stream.Id, toPublish);
                    _tails.Remove(stream.Id);
                    leftToDaemon = true;
                    continue;
                }
                previous = _tails.GetValueOrDefault(stream.Id)?.Published;
                tail = new Tail(events[^1].Version, clock.GetTimestamp());
                _tails[stream.Id] = tail;
            }
            // Off the committer's call and context: the request or consumer that committed does not wait for the broker.
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(() => PublishStreamAsync(stream.Id, toPublish, previous, tail));
        }
        if (leftToDaemon) signal.Pulse();
        return Task.CompletedTask;
    }

    private async Task PublishStreamAsync(Guid streamId, List<Relayed> events, Task<bool>? previous, Tail tail)
    {
        var published = 0;
        try
        {
            if (previous is null || await previous)
                for (; published < events.Count; published++)
                {
                    var (@event, outcome) = events[published];
                    var message = await Mapper.MapAsync(@event, CancellationToken.None);
                    if (message is not null) await IntegrationEventRelay.PublishAsync(Bus, @event, message, settings.PublishTimeout, CancellationToken.None);
                    outcome.Result.TrySetResult(true);
                    Interlocked.Increment(ref _publishedHere);
                }
        }
        catch (Exception e)
        {
            // The daemon publishes it instead (or parks it, if it cannot be mapped); said only in passing.
            Logger.LogDebug(e, "Publishing event {EventId} on commit failed; the relay's catch-up publishes it", events[published].Event.Id);
        }
        var complete = published == events.Count;
        if (!complete)
        {
            lock (_gate)
            {
                HoldLocked(streamId, events.Skip(published));
                if (_tails.GetValueOrDefault(streamId) == tail) _tails.Remove(streamId);
            }
            signal.Pulse();
        }
        tail.Source.TrySetResult(complete);
    }

    /// <summary>Leaves <paramref name="events"/> to the daemon, and their stream waiting until it has passed them.</summary>
    private void HoldLocked(Guid streamId, IEnumerable<Relayed> events)
    {
        if (!_held.TryGetValue(streamId, out var held)) _held[streamId] = held = new Held(clock.GetTimestamp());
        foreach (var (@event, outcome) in events)
        {
            held.Events.Add(@event.Id);
            outcome.Result.TrySetResult(false);
            LeftToDaemon.Add(1);
            Interlocked.Increment(ref _leftToDaemon);
        }
    }

    /// <summary>
    /// For the daemon, before it publishes <paramref name="event"/>: whether this path published it
    /// (waiting up to <paramref name="patience"/> for a publication under way); false when it never saw it.
    /// </summary>
    public async Task<bool> PublishedHereAsync(IEvent @event, TimeSpan patience, CancellationToken token)
    {
        Outcome? outcome;
        lock (_gate) _outcomes.Remove(@event.Id, out outcome);
        if (outcome is null) return false;
        try
        {
            return await outcome.Result.Task.WaitAsync(patience, clock, token);
        }
        catch (TimeoutException)
        {
            // Still under way: the daemon publishes it too, and the inbox drops whichever comes second.
            return false;
        }
    }

    /// <summary>For the daemon, once <paramref name="event"/> is out (or parked): its stream no longer waits for it.</summary>
    public void Passed(IEvent @event)
    {
        lock (_gate)
            if (_held.TryGetValue(@event.StreamId, out var held) && held.Events.Remove(@event.Id) && held.Events.Count == 0)
                _held.Remove(@event.StreamId);
    }

    /// <summary>
    /// Drops what the daemon will not come for: outcomes of commits that failed, and of events another
    /// replica's daemon relays; tails of quiet streams; holds older than a healthy daemon could lag
    /// (another replica's daemon passes them without telling this one).
    /// </summary>
    private void Forget(long now)
    {
        var limit = settings.PublishTimeout * 4;
        lock (_gate)
        {
            foreach (var (id, outcome) in _outcomes)
                if (clock.GetElapsedTime(outcome.Registered, now) > limit) _outcomes.Remove(id);
            foreach (var (id, tail) in _tails)
                if (tail.Published.IsCompleted && clock.GetElapsedTime(tail.Started, now) > limit) _tails.Remove(id);
            foreach (var (id, held) in _held)
                if (clock.GetElapsedTime(held.Since, now) > limit) _held.Remove(id);
        }
    }

    private sealed record Relayed(IEvent Event, Outcome Outcome);

    private sealed class Outcome(long registered)
    {
        public long Registered { get; } = registered;
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Tail(long version, long started)
    {
        public long Version { get; } = version;
        public long Started { get; } = started;
        public TaskCompletionSource<bool> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<bool> Published => Source.Task;
    }

    private sealed class Held(long since)
    {
        public long Since { get; } = since;
        public HashSet<Guid> Events { get; } = [];
    }
}

/// <summary>
/// Opens <see cref="PublishOnCommit"/> once the relay's saved progress reaches the last event stored
/// when this process started: events a crashed predecessor committed but never published go out
/// first, so a stream's later events cannot overtake them. Until then the daemon publishes everything.
/// </summary>
internal sealed class PublishOnCommitOpening(PublishOnCommit path, IDocumentStore store, EventStoreSettings settings,
    ILogger<PublishOnCommitOpening> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? storedAtStart = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var query = store.QuerySession();
                storedAtStart ??= (await query.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence)
                    .FirstOrDefaultAsync(stoppingToken))?.Sequence ?? 0;
                var relayedTo = (await store.Advanced.AllProjectionProgress(token: stoppingToken))
                    .Where(p => p.ShardName.StartsWith(IntegrationEventRelay.SubscriptionName, StringComparison.Ordinal))
                    .Select(p => p.Sequence).DefaultIfEmpty(0).Max();
                if (relayedTo >= storedAtStart)
                {
                    path.MarkCaughtUp();
                    logger.LogDebug("The relay has passed event {Sequence}, the last stored at start: publishing on commit", storedAtStart);
                    return;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The schema may not exist yet, or PostgreSQL is away: look again.
                logger.LogDebug(e, "Cannot yet tell whether the relay has caught up");
            }
            await Task.Delay(settings.PollingInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
