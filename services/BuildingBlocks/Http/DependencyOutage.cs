using System.Net.Sockets;
using MassTransit;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// Whether an exception says that PostgreSQL or RabbitMQ could not be reached or is shutting down,
/// rather than that the request was wrong: such a request is answered 503 with Retry-After, so the
/// app's offline queue and any client know to send it again. Nothing is half-written: a session
/// that failed to commit wrote nothing.
/// </summary>
public static class DependencyOutage
{
    /// <summary>How long a client is asked to wait: about how long PostgreSQL takes to restart or fail over.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // The server's own answer: connection problems (class 08), shutting down or starting (57P01–57P03), too many connections.
                case PostgresException server:
                    return server.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                // No answer at all: refused, reset, timed out, or no connection left in the pool.
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case BrokerUnreachableException:
                case RabbitMqConnectionException:
                    return true;
            }
        }
        return false;
    }
}
