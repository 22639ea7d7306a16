using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Notifications.Notifications;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// The commit notices of new notifications: each carries the notification as its inline document
/// will read once committed, so a replica hands it to its live streams without asking the store.
/// One too large for a notice (a long list of cases in its parameters) is named instead and loaded.
/// Each names the replica that committed it: that one has handed it to its own streams already.
/// </summary>
public static class InboxNotices
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Channel(string schema) => $"fivesoc_inbox_{schema}";

    public static string Channel(IQuerySession session) => Channel(session.DocumentStore.Options.DatabaseSchemaName);

    public static string Item(Notification notification, Guid origin)
    {
        var item = JsonSerializer.Serialize(new InboxNotice(origin, notification.RecipientId, notification.Id, notification), Json);
        return Encoding.UTF8.GetByteCount(item) <= CommitNotices.MaxPayloadBytes
            ? item
            : JsonSerializer.Serialize(new InboxNotice(origin, notification.RecipientId, notification.Id, null), Json);
    }

    /// <summary>
    /// Whether <paramref name="item"/> was committed by <paramref name="replica"/>, told from its
    /// first property as <see cref="Item"/> writes it: a replica passes over its own notices without
    /// parsing the notifications they carry.
    /// </summary>
    public static bool IsFrom(string item, Guid replica) => item.StartsWith($"{{\"origin\":\"{replica:D}\"", StringComparison.Ordinal);

    public static InboxNotice? Parse(string item)
    {
        try
        {
            return JsonSerializer.Deserialize<InboxNotice>(item, Json);
        }
        catch (JsonException)
        {
            return null; // not one of ours (someone NOTIFYing by hand): nothing to hand on
        }
    }
}

/// <summary>
/// One new notification in a commit notice; <see cref="Notification"/> is absent when it did not
/// fit. <see cref="Origin"/> is the replica that committed it (<see cref="InboxBroadcaster.Replica"/>),
/// first so that <see cref="InboxNotices.IsFrom"/> can tell without parsing the rest.
/// </summary>
public sealed record InboxNotice(Guid Origin, Guid RecipientId, Guid Id, Notification? Notification);

/// <summary>
/// The live streams' source for what other replicas commit: LISTENs for the notices the notifier
/// queues in each transaction that creates notifications, which PostgreSQL delivers the moment it
/// commits, and hands the notifications someone here watches to the broadcaster — from the notice
/// itself (the store only for one too large to carry). Nothing waits for the async daemon or polls.
/// Notices of this replica's own commits are passed over: the notifier handed those to the
/// broadcaster as the commit returned, without the round trip through the database.
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
        var watched = CommitNotices.Items(payload).Where(item => !InboxNotices.IsFrom(item, _broadcaster.Replica)).Select(InboxNotices.Parse)
            .Where(n => n is not null && _broadcaster.IsWatched(n.RecipientId)).Select(n => n!).ToList();
        if (watched.Count == 0) return;
        var notifications = watched.Where(n => n.Notification is not null).Select(n => n.Notification!).ToList();
        if (watched.Where(n => n.Notification is null).Select(n => n.Id).ToArray() is { Length: > 0 } named)
        {
            await using var session = _store.QuerySession();
            notifications.AddRange(await session.LoadManyAsync<Notification>(ct, named));
        }
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
