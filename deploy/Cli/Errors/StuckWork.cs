using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.Notifications.Notifications;
using JasperFx.Events.Daemon;
using Marten;

namespace FiveSocieties.Cli.Errors;

/// <summary>An event a service's relay gave up on (it could not be mapped or published): Marten keeps it as a dead letter.</summary>
public sealed record StuckEvent(Guid Id, string Service, string Subscription, long Sequence, DateTimeOffset At, string Exception, string Message);

/// <summary>Messages a consumer gave up on after its retries: MassTransit parks them in the queue's <c>_error</c> twin.</summary>
public sealed record ParkedMessages(string VirtualHost, string Queue, long Messages);

/// <summary>A notification that could not be delivered on a channel (a webhook, e-mail) after its attempts.</summary>
public sealed record UndeliveredNotification(Guid NotificationId, string Rule, string Channel, string Reason, DateTimeOffset At);

/// <summary>
/// What did not go through and waits for an operator, read where each kind is kept: nothing is
/// lost (a dead letter, a parked message, a failed delivery all stay), but none of it moves again
/// until someone looks.
/// </summary>
public static class StuckWork
{
    public static async Task<IReadOnlyList<StuckEvent>> DeadLettersAsync(IQuerySession session, string service, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeadLetterEvent> letters;
        try { letters = await session.Query<DeadLetterEvent>().OrderByDescending(d => d.Timestamp).Take(limit).ToListAsync(cancellationToken); }
        catch (Exception e) when (NoStoreYet(e)) { return []; }
        return [.. letters.Select(d => new StuckEvent(d.Id, service, d.ShardName ?? d.ProjectionName ?? "", d.EventSequence,
            d.Timestamp, d.ExceptionType ?? "", d.ExceptionMessage ?? ""))];
    }

    /// <summary>
    /// Whether a read failed because the store has no such table, schema or database yet: a service that
    /// never ran, or never dead-lettered anything (Marten creates the table at the first dead letter
    /// when it may create schema), has nothing stuck.
    /// </summary>
    public static bool NoStoreYet(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException)?.SqlState is
            Npgsql.PostgresErrorCodes.UndefinedTable or Npgsql.PostgresErrorCodes.InvalidSchemaName or Npgsql.PostgresErrorCodes.InvalidCatalogName;

    /// <summary>Every <c>_error</c> queue holding messages, from RabbitMQ's management API (the broker's own count).</summary>
    public static async Task<IReadOnlyList<ParkedMessages>> ParkedAsync(HttpClient management, CancellationToken cancellationToken) =>
        [.. (await ErrorQueuesAsync(management, cancellationToken)).Where(q => q.Messages > 0)];

    /// <summary>
    /// Every <c>_error</c> queue, empty or not: the management API refreshes its counts every few seconds,
    /// so an action on messages goes by the queues, not by a count that may lag.
    /// </summary>
    public static async Task<IReadOnlyList<ParkedMessages>> ErrorQueuesAsync(HttpClient management, CancellationToken cancellationToken)
    {
        var queues = await management.GetFromJsonAsync<JsonElement>("api/queues?columns=name,vhost,messages", cancellationToken);
        return [.. queues.EnumerateArray()
            .Select(q => new ParkedMessages(q.GetProperty("vhost").GetString()!, q.GetProperty("name").GetString()!,
                q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Queue.EndsWith(ErrorQueues.Suffix, StringComparison.Ordinal))
            .OrderBy(q => q.VirtualHost, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal)];
    }

    public static async Task<IReadOnlyList<UndeliveredNotification>> UndeliveredAsync(IQuerySession session, int limit, CancellationToken cancellationToken)
    {
        // The newest notifications first: a failure comes within minutes of its notification.
        IReadOnlyList<Notification> failed;
        try
        {
            failed = await session.Query<Notification>().Where(n => n.DeadLetters.Any())
                .OrderByDescending(n => n.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        }
        catch (Exception e) when (NoStoreYet(e)) { return []; }
        return [.. failed.SelectMany(n => n.DeadLetters.Select(d => new UndeliveredNotification(n.Id, n.Rule, d.Channel.ToString(), d.Reason, d.At)))
            .OrderByDescending(u => u.At).Take(limit)];
    }
}
