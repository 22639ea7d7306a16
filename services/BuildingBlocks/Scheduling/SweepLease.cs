using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FiveSocieties.BuildingBlocks.Scheduling;

/// <summary>
/// The right to run one kind of sweep across the replicas of a service: a PostgreSQL session
/// advisory lock, held on a connection of its own for as long as this process lives. Every
/// replica asks at each tick; the one holding it sweeps, the others pass. When the holder dies
/// (stops, is killed, or loses its connection), PostgreSQL ends its session and frees the lock,
/// and the next replica to ask takes it over.
///
/// The lock is per database, so its key names the schema and the sweep: test classes that share
/// a database, or two services in one, never hold each other's sweeps.
/// </summary>
public sealed class SweepLease : IAsyncDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);

    /// <summary>How long giving the lease up may take before the connection is left to the server, which frees the lock when the session ends.</summary>
    private static readonly TimeSpan GiveUpTimeout = TimeSpan.FromSeconds(5);
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private NpgsqlConnection? _connection;
    private bool _held;

    public SweepLease(string connectionString, string name, ILogger logger)
    {
        // Outside the pool: a pooled connection outlives its Close, and so would the lock.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = (int)KeepAlive.TotalSeconds }
            .ConnectionString;
        (Name, Key, _logger) = (name, KeyOf(name), logger);
    }

    public string Name { get; }

    /// <summary>The advisory lock's key: the first eight bytes of the name's SHA-256, the same in every process.</summary>
    public long Key { get; }

    public static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);

    /// <summary>
    /// Whether this replica holds the lease now: keeps it when its connection still answers, or
    /// tries to take it. False (never an exception) when the database cannot be reached: a sweep
    /// then could not act anyway.
    /// </summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is null)
            {
                _connection = new NpgsqlConnection(_connectionString);
                await _connection.OpenAsync(cancellationToken);
            }
            if (_held)
            {
                await using var alive = new NpgsqlCommand("select 1", _connection);
                await alive.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", _connection);
            take.Parameters.AddWithValue("key", Key);
            _held = (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
            if (_held) _logger.LogInformation("This replica now runs the sweep {Sweep}", Name);
            return _held;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The session is gone and the lock with it: another replica may hold it by now.
            if (_held) _logger.LogWarning(e, "Lost the lease of the sweep {Sweep}; asking again at the next tick", Name);
            await DropConnectionAsync();
            return false;
        }
    }

    /// <summary>
    /// Gives the lease up at once: the lock is released before the connection closes, since the
    /// server ends a closed session (and frees its locks) only some moments later.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_held && _connection is { } connection)
        {
            try
            {
                using var timeout = new CancellationTokenSource(GiveUpTimeout);
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", Key);
                await release.ExecuteScalarAsync(timeout.Token);
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "Releasing the lease of the sweep {Sweep} failed; the server frees it when the session ends", Name);
            }
        }
        await DropConnectionAsync();
    }

    private async Task DropConnectionAsync()
    {
        _held = false;
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null) return;
        try
        {
            // A connection left mid-command (a tick cancelled as the host stopped) can wait forever to
            // drain its reply on close; the host's shutdown must not wait with it.
            await connection.DisposeAsync().AsTask().WaitAsync(GiveUpTimeout);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Closing the connection of the sweep lease {Sweep} did not finish; the server frees the lock when the session ends", Name);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Closing the broken connection of the sweep lease {Sweep} failed", Name);
        }
    }
}
