using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// Tells every process listening on a PostgreSQL channel what a transaction wrote, at the moment
/// it commits: a NOTIFY queued in the session, so PostgreSQL delivers it on commit, in
/// commit order, and never for a transaction that rolls back. One notice per transaction (not a
/// trigger per event, which costs appends a quarter of their throughput or more).
///
/// A notice is a hint, not a record: a listener that was not connected when it was sent never
/// gets it, so whoever acts on notices must be able to catch up from the store (see
/// <see cref="CommitNoticeListener"/>'s <c>listening</c> callback).
/// </summary>
public static class CommitNotices
{
    /// <summary>PostgreSQL refuses a payload of 8,000 bytes or more (UTF-8); an item larger than this cannot be sent.</summary>
    public const int MaxPayloadBytes = 7_900;

    private const char Separator = '\n';

    /// <summary>
    /// Queues <paramref name="items"/> as notices on <paramref name="channel"/>, one per line, as few
    /// notices as fit (an item may be JSON: one line of it holds no raw line break).
    /// </summary>
    public static void QueueOnCommit(IDocumentSession session, string channel, IEnumerable<string> items)
    {
        var payload = new System.Text.StringBuilder();
        var bytes = 0;
        foreach (var item in items)
        {
            if (item.Contains(Separator)) throw new ArgumentException("A commit notice item is one line.", nameof(items));
            var size = System.Text.Encoding.UTF8.GetByteCount(item);
            if (size > MaxPayloadBytes)
                throw new ArgumentException($"A commit notice item of {size} bytes is larger than a notice ({MaxPayloadBytes}).", nameof(items));
            if (payload.Length > 0 && bytes + 1 + size > MaxPayloadBytes)
            {
                Queue(session, channel, payload.ToString());
                (payload.Length, bytes) = (0, 0);
            }
            if (payload.Length > 0)
            {
                payload.Append(Separator);
                bytes++;
            }
            payload.Append(item);
            bytes += size;
        }
        if (payload.Length > 0) Queue(session, channel, payload.ToString());
    }

    /// <summary>
    /// The NOTIFY statement rather than <c>select pg_notify(…)</c>: Marten reads its batch's results
    /// in order, and a statement that returns a row puts every operation after it out of step.
    /// NOTIFY takes no parameters, so the channel and payload are quoted here ('\0' as the
    /// placeholder: Marten looks for none, and PostgreSQL text cannot hold it).
    /// </summary>
    private static void Queue(IDocumentSession session, string channel, string payload)
    {
        if (payload.Contains('\0') || channel.Contains('\0')) throw new ArgumentException("A commit notice cannot carry a NUL character.");
        session.QueueSqlCommand('\0', $"notify \"{channel.Replace("\"", "\"\"")}\", '{payload.Replace("'", "''")}'");
    }

    /// <summary>The items of one notice, as <see cref="QueueOnCommit"/> wrote them.</summary>
    public static string[] Items(string payload) => payload.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One connection that LISTENs on a channel for as long as the process runs, and comes back after
/// the database went away (Polly: exponential back-off with jitter, 100 ms up to 5 s, without end).
/// Each time it is listening again — the first time included — <c>listening</c> runs: notices sent
/// while nobody listened are lost, and that is the moment to catch up from the store.
/// </summary>
public sealed class CommitNoticeListener
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(200);
    private readonly string _connectionString;
    private readonly string _channel;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _listenAgain;
    private volatile bool _listening;

    public CommitNoticeListener(string connectionString, string channel, ILogger logger)
    {
        // Its own connection outside the pool: a LISTEN lives as long as its session does.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = (int)KeepAlive.TotalSeconds }
            .ConnectionString;
        (_channel, _logger) = (channel, logger);
        _listenAgain = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = int.MaxValue,
            OnRetry = retry =>
            {
                logger.LogWarning(retry.Outcome.Exception, "Listening on {Channel} stopped; listening again in {Delay}", channel, retry.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>Whether its connection is listening now (for a health check).</summary>
    public bool IsListening => _listening;

    public async Task RunAsync(Func<string, CancellationToken, ValueTask> notice, Func<CancellationToken, Task> listening, CancellationToken ct)
    {
        try
        {
            await _listenAgain.ExecuteAsync(token => new ValueTask(ListenAsync(notice, listening, token)), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The process is stopping.
        }
    }

    /// <summary>One connection's life: it ends only by failing (or by the process stopping).</summary>
    private async Task ListenAsync(Func<string, CancellationToken, ValueTask> notice, Func<CancellationToken, Task> listening, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            var received = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });
            // Npgsql raises this on the thread reading the connection: hand over, never block it.
            connection.Notification += (_, e) => received.Writer.TryWrite(e.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection)) await listen.ExecuteNonQueryAsync(ct);
            _listening = true;
            await listening(ct);

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var waiting = WaitLoopAsync(connection, received.Writer, stopWaiting.Token);
            try
            {
                await foreach (var payload in received.Reader.ReadAllAsync(ct))
                {
                    try
                    {
                        await notice(payload, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Handled as if the notice was lost: catch up from the store.
                        _logger.LogWarning(e, "A commit notice on {Channel} could not be handled; catching up from the store", _channel);
                        await listening(ct);
                    }
                }
            }
            finally
            {
                // The connection is disposed next: never under a wait still running on it.
                await stopWaiting.CancelAsync();
                await waiting;
            }
            ct.ThrowIfCancellationRequested();
            throw new NpgsqlException($"The connection listening on {_channel} ended.");
        }
        finally
        {
            _listening = false;
        }
    }

    /// <summary>
    /// Waits for notices until the connection fails or the process stops; either way the reader then ends.
    /// The wait is not given the stopping token: Npgsql cancels a wait by breaking the connector from
    /// the cancelling thread, which can throw there (a NullReferenceException out of the host's
    /// StopAsync). It waits in short slices instead and looks at the token between them; a notice
    /// arriving mid-slice is raised at once, so the slices cost no latency.
    /// </summary>
    private static async Task WaitLoopAsync(NpgsqlConnection connection, System.Threading.Channels.ChannelWriter<string> received,
        CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested) await connection.WaitAsync(WaitSlice);
        }
        catch (Exception e)
        {
            received.TryComplete(e is OperationCanceledException && ct.IsCancellationRequested ? null : e);
        }
    }
}
