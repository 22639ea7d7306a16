using System.Diagnostics;
using System.Diagnostics.Metrics;
using FiveSocieties.BuildingBlocks.EventStore;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// The relay: a Marten subscription, run by the async daemon, that publishes each committed
/// domain event as its integration event. At least once: progress is stored in PostgreSQL only
/// after the whole page is confirmed by RabbitMQ, so a crash or a broker fault re-publishes the
/// page, and the MessageId (the Marten event id) lets every consumer's inbox drop the repeat.
///
/// Throughput comes from publishing a page's streams in parallel while each stream's events
/// go out one after another, in order.
///
/// With <see cref="PublishOnCommit"/> on, most events are out before the daemon reads them: the
/// relay then only catches up, skipping what that path confirmed.
/// </summary>
public sealed class IntegrationEventRelay : SubscriptionBase
{
    public const string SubscriptionName = "IntegrationEventRelay";
    public static readonly ActivitySource ActivitySource = new("FiveSocieties.Relay");
    /// <summary>The relay's meter, shared with <see cref="PublishOnCommit"/>.</summary>
    internal static readonly Meter Meter = new("FiveSocieties.Relay");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("fivesoc.relay.published");
    private static readonly Counter<long> PublishedOnCommit = Meter.CreateCounter<long>("fivesoc.relay.published_on_commit");
    /// <summary>Publishes that failed their page (no confirmation in time, or the connection went away): worth an alert.</summary>
    public const string PublishFailedMetric = "fivesoc.relay.publish_failed";
    private static readonly Counter<long> PublishFailed = Meter.CreateCounter<long>(PublishFailedMetric);
    private static readonly Histogram<double> CommitToPublish =
        Meter.CreateHistogram<double>("fivesoc.relay.commit_to_publish", "ms");

    private readonly IIntegrationEventMapper _mapper;
    private readonly IBus _bus;
    private readonly RelaySettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<IntegrationEventRelay> _logger;
    private readonly PublishOnCommit? _publishOnCommit;

    public IntegrationEventRelay(
        IIntegrationEventMapper mapper, IBus bus, RelaySettings settings, TimeProvider clock,
        ILogger<IntegrationEventRelay> logger, PublishOnCommit? publishOnCommit = null)
    {
        _publishOnCommit = publishOnCommit;
        _mapper = mapper;
        _bus = bus;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        foreach (var type in mapper.RelayedEventTypes) IncludeType(type);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        var streams = page.Events.GroupBy(e => e.StreamId);
        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = _settings.ParallelStreams, CancellationToken = cancellationToken },
            async (stream, token) =>
            {
                foreach (var @event in stream) await RelayAsync(@event, controller, token);
            });
        if (_logger.IsEnabled(LogLevel.Debug) && page.Events.Count > 0)
            _logger.LogDebug("Relayed {Count} events ({Floor}..{Ceiling}) in {Elapsed} ms; oldest was {Age} ms old",
                page.Events.Count, page.SequenceFloor, page.SequenceCeiling, _clock.GetElapsedTime(started).TotalMilliseconds,
                (_clock.GetUtcNow() - page.Events.Min(e => e.Timestamp)).TotalMilliseconds);
        return NullChangeListener.Instance;
    }

    private async Task RelayAsync(IEvent @event, ISubscriptionController controller, CancellationToken cancellationToken)
    {
        await RelayOnceAsync(@event, controller, cancellationToken);
        // Out (or parked): a stream publish-on-commit held back for it need wait no longer.
        _publishOnCommit?.Passed(@event);
    }

    private async Task RelayOnceAsync(IEvent @event, ISubscriptionController controller, CancellationToken cancellationToken)
    {
        if (_publishOnCommit is not null && await _publishOnCommit.PublishedHereAsync(@event, _settings.PublishTimeout, cancellationToken))
        {
            PublishedOnCommit.Add(1);
            return;
        }
        object? message;
        try
        {
            message = await _mapper.MapAsync(@event, cancellationToken);
        }
        // A database fault while a mapper reads is transient: fail the page (the daemon retries it), never park the event.
        catch (Exception e) when (e is not (OperationCanceledException or Npgsql.NpgsqlException))
        {
            // A mapping bug must not stall every later event: park this one where operators see it.
            _logger.LogError(e, "Cannot map event {EventId} ({EventType}); recorded as dead letter", @event.Id, @event.EventTypeName);
            await controller.RecordDeadLetterEventAsync(@event, e);
            return;
        }
        if (message is null) return;
        try
        {
            await PublishAsync(_bus, @event, message, _settings.PublishTimeout, cancellationToken);
        }
        catch (RelayPublishFailedException)
        {
            PublishFailed.Add(1);
            throw;
        }
    }

    /// <summary>
    /// Publishes <paramref name="message"/>, the integration event of <paramref name="event"/>, and waits for
    /// the broker's confirmation: MessageId the event's id, the stream and its version in headers, the trace
    /// of the request that appended it continued. Throws <see cref="RelayPublishFailedException"/> when no
    /// confirmation came within <paramref name="timeout"/> or the connection went away.
    /// </summary>
    internal static async Task PublishAsync(IBus bus, IEvent @event, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(@event, message);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A broker under memory alarm blocks publishers; fail instead of hanging.
        deadline.CancelAfter(timeout);
        try
        {
            await bus.Publish(message, message.GetType(), context =>
            {
                context.MessageId = @event.Id;
                if (Guid.TryParse(@event.CorrelationId, out var correlation)) context.CorrelationId = correlation;
                context.Headers.Set(MessageHeaders.StreamId, @event.StreamId.ToString());
                context.Headers.Set(MessageHeaders.StreamVersion, @event.Version);
                // Not known in memory after a quick append: only the daemon's copy carries it.
                if (@event.Sequence > 0) context.Headers.Set(MessageHeaders.EventSequence, @event.Sequence);
            }, deadline.Token);
        }
        // The daemon takes any cancellation for its own stopping and passes over the page without
        // marking it failed: the page's events would never go out. A publish that timed out, or whose
        // confirmation was cancelled because the broker dropped the connection, fails the page
        // instead; the daemon pauses the relay and runs the page again (the inboxes drop repeats).
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RelayPublishFailedException(
                $"Publishing event {@event.Id} ({@event.EventTypeName}) was cancelled: "
                + (deadline.IsCancellationRequested ? $"no confirmation within {timeout}." : "the broker connection went away."), e);
        }

        Published.Add(1);
        if (@event.Timestamp != default)
            CommitToPublish.Record((TimeProvider.System.GetUtcNow() - @event.Timestamp).TotalMilliseconds);
    }

    private static Activity? StartActivity(IEvent @event, object message)
    {
        // Continue the trace of the request that appended the event (see TraceContextOnEvents).
        ActivityContext.TryParse(
            @event.Headers?.GetValueOrDefault(TraceContextOnEvents.TraceParentHeader)?.ToString(), null, out var parent);
        return ActivitySource.StartActivity($"relay {message.GetType().Name}", ActivityKind.Producer, parent);
    }
}

/// <summary>A publish of the relay that did not complete: its page fails, and the daemon runs it again.</summary>
public sealed class RelayPublishFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>Relay tuning, bound from the "Relay" section.</summary>
public sealed class RelaySettings
{
    /// <summary>Events the daemon hands the relay at once; progress is saved per page.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Streams of one page published concurrently (each stream stays in order).</summary>
    public int ParallelStreams { get; set; } = 256;

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Publish committed events from the committing process at once (<see cref="PublishOnCommit"/>); the daemon catches up.</summary>
    public bool PublishOnCommit { get; set; } = true;
}
