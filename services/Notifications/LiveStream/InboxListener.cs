using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Notifications;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>The commit notices of new notifications: one item per notification, "recipient/notification".</summary>
public static class InboxNotices
{
    public static string Channel(string schema) => $"fivesoc_inbox_{schema}";

    public static string Channel(IQuerySession session) => Channel(session.DocumentStore.Options.DatabaseSchemaName);

    public static string Item(Guid recipient, Guid notification) => $"{recipient:N}/{notification:N}";

    public static (Guid Recipient, Guid Notification)? Parse(string item) =>
        item.Split('/') is [var r, var n] && Guid.TryParseExact(r, "N", out var recipient) && Guid.TryParseExact(n, "N", out var notification)
            ? (recipient, notification)
            : null;
}

/// <summary>
/// The live streams' source on every replica alike: LISTENs for the notices the notifier queues
/// in each transaction that creates notifications, which PostgreSQL delivers the moment it
/// commits; loads the notifications someone here watches (one query per notice) and hands them
/// to the broadcaster. Nothing waits for the async daemon or polls.
///
/// Notices are a hint: while the listener is away (the database restarted) they are lost, so
/// each time it is listening again every stream catches up from the store by position.
/// </summary>
public sealed class InboxListener : BackgroundService
{
    private readonly IDocumentStore _store;
    private readonly InboxBroadcaster _broadcaster;
    private readonly CommitNoticeListener _listener;

    public InboxListener(IDocumentStore store, EventStoreDatabase database, InboxBroadcaster broadcaster, ILogger<InboxListener> logger)
    {
        (_store, _broadcaster) = (store, broadcaster);
        _listener = new CommitNoticeListener(database.ConnectionString, InboxNotices.Channel(store.Options.DatabaseSchemaName), logger);
    }

    public bool IsListening => _listener.IsListening;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _listener.RunAsync(HandleAsync, _ =>
        {
            _broadcaster.CatchUpAll();
            return Task.CompletedTask;
        }, stoppingToken);

    private async ValueTask HandleAsync(string payload, CancellationToken ct)
    {
        var watched = CommitNotices.Items(payload).Select(InboxNotices.Parse)
            .Where(i => i is { } item && _broadcaster.IsWatched(item.Recipient)).Select(i => i!.Value.Notification).ToArray();
        if (watched.Length == 0) return;
        await using var session = _store.QuerySession();
        var notifications = await session.LoadManyAsync<Notification>(ct, watched);
        _broadcaster.Publish(notifications.OrderBy(n => n.Position));
    }
}

/// <summary>
/// Degraded while the listener is not listening: inboxes, webhooks and e-mail work, but live
/// streams wait until it listens again (then they catch up). Not unhealthy: the replica still serves.
/// </summary>
public sealed class LiveStreamHealthCheck(InboxListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy("listening for new notifications")
            : HealthCheckResult.Degraded(
                "not listening for new notifications: live streams catch up once it listens again"));
}
