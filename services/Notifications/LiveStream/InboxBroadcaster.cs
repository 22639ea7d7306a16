using System.Threading.Channels;
using FiveSocieties.Notifications.Notifications;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>A new notification as the live stream carries it; <see cref="Sequence"/> is its SSE id.</summary>
public sealed record LiveNotification(long Sequence, Notification Notification);

/// <summary>One connected SSE client: the inboxes it reads and its own bounded queue.</summary>
public sealed class LiveConnection(IReadOnlyList<Guid> inboxes, int capacity)
{
    private readonly Channel<LiveNotification> _queue = Channel.CreateBounded<LiveNotification>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    public IReadOnlyList<Guid> Inboxes { get; } = inboxes;
    public ChannelReader<LiveNotification> Reader => _queue.Reader;

    /// <summary>
    /// A client too slow to keep up is disconnected rather than sent a stream with holes: it
    /// reconnects with Last-Event-ID and catches up from the store.
    /// </summary>
    internal void Offer(LiveNotification item)
    {
        if (!_queue.Writer.TryWrite(item)) _queue.Writer.TryComplete();
    }

    internal void Close() => _queue.Writer.TryComplete();
}

/// <summary>
/// The one fan-out behind every live stream of this replica: its sources (the <see cref="InboxFanOut"/>
/// subscription where the daemon runs, <see cref="LiveTail"/> everywhere) hand each committed
/// notification to the connections of its recipient — a
/// dictionary look-up, no database work per client. <see cref="High"/> is the highest sequence
/// handed out so far: a connection registered now receives everything above it live, and
/// catches up to it from the store.
/// </summary>
public sealed class InboxBroadcaster
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<LiveConnection>> _byInbox = new();
    private long _high = -1;
    public int ConnectionCapacity { get; init; } = 1024;

    public int Connections { get { lock (_gate) return _byInbox.Values.Sum(l => l.Count); } }

    /// <summary>Registers a connection; returns it and the sequence up to which it must catch up from the store (-1: not known yet).</summary>
    public (LiveConnection Connection, long High) Connect(IReadOnlyList<Guid> inboxes)
    {
        var connection = new LiveConnection(inboxes, ConnectionCapacity);
        lock (_gate)
        {
            foreach (var inbox in inboxes)
            {
                if (!_byInbox.TryGetValue(inbox, out var list)) _byInbox[inbox] = list = [];
                list.Add(connection);
            }
            return (connection, _high);
        }
    }

    public void Disconnect(LiveConnection connection)
    {
        lock (_gate)
            foreach (var inbox in connection.Inboxes)
                if (_byInbox.TryGetValue(inbox, out var list) && list.Remove(connection) && list.Count == 0)
                    _byInbox.Remove(inbox);
        connection.Close();
    }

    /// <summary>At start: what the subscription had handed out before this process (its stored progress).</summary>
    public void Seed(long high)
    {
        lock (_gate) _high = Math.Max(_high, high);
    }

    public long High { get { lock (_gate) return _high; } }

    private long _subscriptionPageAt; // Environment.TickCount64 of its last page; 0: none yet

    /// <summary>The subscription handed out a page: it runs on this replica (see <see cref="LiveTail"/>).</summary>
    public void NoteSubscriptionPage() => Interlocked.Exchange(ref _subscriptionPageAt, Environment.TickCount64);

    /// <summary>Whether the subscription handed out a page within <paramref name="window"/>.</summary>
    public bool SubscriptionActiveWithin(TimeSpan window) =>
        Interlocked.Read(ref _subscriptionPageAt) is var at and not 0 && Environment.TickCount64 - at < (long)window.TotalMilliseconds;

    /// <summary>
    /// Hands a page of committed notifications (in sequence order) to their recipients' connections.
    /// A page holds every notification up to <paramref name="ceiling"/> after its source's last
    /// page; two sources (<see cref="InboxFanOut"/>, <see cref="LiveTail"/>) may overlap, so what is
    /// not above the mark has been handed out already.
    /// </summary>
    public void Publish(IReadOnlyList<LiveNotification> page, long ceiling)
    {
        lock (_gate)
        {
            var floor = _high;
            foreach (var item in page)
                if (item.Sequence > floor && _byInbox.TryGetValue(item.Notification.RecipientId, out var list))
                    foreach (var connection in list) connection.Offer(item);
            _high = Math.Max(_high, ceiling);
        }
    }
}
