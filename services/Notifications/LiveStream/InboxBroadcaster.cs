using System.Threading.Channels;
using FiveSocieties.Notifications.Notifications;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>What a live stream is handed: a new notification, or (none) "you may have missed some: catch up from the store".</summary>
public readonly record struct LiveItem(Notification? Notification)
{
    public static readonly LiveItem CatchUp = new(null);
}

/// <summary>One connected SSE client: the inboxes it reads and its own bounded queue.</summary>
public sealed class LiveConnection(IReadOnlyList<Guid> inboxes, int capacity)
{
    private readonly Channel<LiveItem> _queue = Channel.CreateBounded<LiveItem>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    public IReadOnlyList<Guid> Inboxes { get; } = inboxes;
    public ChannelReader<LiveItem> Reader => _queue.Reader;

    /// <summary>
    /// A client too slow to keep up is disconnected rather than sent a stream with holes: it
    /// reconnects with Last-Event-ID and catches up from the store.
    /// </summary>
    internal void Offer(LiveItem item)
    {
        if (!_queue.Writer.TryWrite(item)) _queue.Writer.TryComplete();
    }

    internal void Close() => _queue.Writer.TryComplete();
}

/// <summary>
/// The one fan-out behind every live stream of this replica: the notifier hands it the
/// notifications this replica commits as each commit returns, <see cref="InboxListener"/> those
/// other replicas commit, and it passes each to the connections reading its recipient's inbox — a
/// dictionary look-up, no database work per client. It promises neither order nor
/// completeness: each stream puts its inboxes' notifications in order by their positions and
/// fills any hole from the store (<see cref="StreamEndpoint"/>).
/// </summary>
public sealed class InboxBroadcaster
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<LiveConnection>> _byInbox = new();
    public int ConnectionCapacity { get; init; } = 1024;

    /// <summary>This replica, as its commit notices name it: the listener passes over its own.</summary>
    public Guid Replica { get; } = Guid.NewGuid();

    public LiveConnection Connect(IReadOnlyList<Guid> inboxes)
    {
        var connection = new LiveConnection(inboxes, ConnectionCapacity);
        lock (_gate)
            foreach (var inbox in inboxes)
            {
                if (!_byInbox.TryGetValue(inbox, out var list)) _byInbox[inbox] = list = [];
                list.Add(connection);
            }
        return connection;
    }

    public void Disconnect(LiveConnection connection)
    {
        lock (_gate)
            foreach (var inbox in connection.Inboxes)
                if (_byInbox.TryGetValue(inbox, out var list) && list.Remove(connection) && list.Count == 0)
                    _byInbox.Remove(inbox);
        connection.Close();
    }

    /// <summary>Whether anyone on this replica reads <paramref name="inbox"/> live.</summary>
    public bool IsWatched(Guid inbox)
    {
        lock (_gate) return _byInbox.ContainsKey(inbox);
    }

    /// <summary>Hands committed notifications to their recipients' connections.</summary>
    public void Publish(IEnumerable<Notification> notifications)
    {
        lock (_gate)
            foreach (var notification in notifications)
                if (_byInbox.TryGetValue(notification.RecipientId, out var list))
                    foreach (var connection in list) connection.Offer(new LiveItem(notification));
    }

    /// <summary>Notifications may have been committed unseen (the listener was away): every stream catches up from the store.</summary>
    public void CatchUpAll()
    {
        lock (_gate)
            foreach (var connection in _byInbox.Values.SelectMany(l => l).Distinct())
                connection.Offer(LiveItem.CatchUp);
    }
}
