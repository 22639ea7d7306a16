using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Notifications;
using Marten;

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
public sealed class InboxListener(IDocumentStore store, EventStoreDatabase database, InboxBroadcaster broadcaster, ILogger<InboxListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new CommitNoticeListener(database.ConnectionString, InboxNotices.Channel(store.Options.DatabaseSchemaName), logger)
            .RunAsync(HandleAsync, _ =>
            {
                broadcaster.CatchUpAll();
                return Task.CompletedTask;
            }, stoppingToken);

    private async ValueTask HandleAsync(string payload, CancellationToken ct)
    {
        var watched = CommitNotices.Items(payload).Select(InboxNotices.Parse)
            .Where(i => i is { } item && broadcaster.IsWatched(item.Recipient)).Select(i => i!.Value.Notification).ToArray();
        if (watched.Length == 0) return;
        await using var session = store.QuerySession();
        var notifications = await session.LoadManyAsync<Notification>(ct, watched);
        broadcaster.Publish(notifications.OrderBy(n => n.Position));
    }
}
