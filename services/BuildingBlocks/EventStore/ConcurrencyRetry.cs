using JasperFx;
using Marten;
using Marten.Exceptions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// The one way to write again after losing a race for a stream: another writer (a sweep, a second
/// tab, a parallel consumer) committed first, so the decision is taken again, in a fresh session,
/// on what it wrote. Short jittered back-off spreads writers that keep colliding on one hot stream
/// (an offer's last places, an audit stream read by many pages at once).
/// </summary>
public static class ConcurrencyRetry
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(LostTheRace),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(2),
            MaxDelay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    /// <summary>
    /// Another writer came first: a newer version of the stream, or the same new stream started
    /// (Marten reports it as a collision, or as PostgreSQL's unique violation on the stream row).
    /// A unique violation anywhere else is a real conflict, not a race: it is not tried again.
    /// </summary>
    public static bool LostTheRace(Exception e) =>
        e is ConcurrencyException or ExistingStreamIdCollisionException
        || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_streams" or "mt_events" };

    /// <summary>
    /// A command for a caller who named the version it expects runs once (losing the race is then
    /// its 409); one who did not is decided again while it loses the race.
    /// </summary>
    public static async ValueTask<T> WriteAsync<T>(
        this IDocumentStore store, long? expectedVersion, Func<IDocumentSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        if (expectedVersion is null) return await store.WriteAsync(write, cancellationToken);
        await using var session = store.LightweightSession();
        return await write(session, cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> in a fresh session, again while it loses the race; the caller saves.</summary>
    public static ValueTask<T> WriteAsync<T>(
        this IDocumentStore store, Func<IDocumentSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(async ct =>
        {
            await using var session = store.LightweightSession();
            return await write(session, ct);
        }, cancellationToken);
}
