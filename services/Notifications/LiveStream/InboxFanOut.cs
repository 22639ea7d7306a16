using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using FiveSocieties.Notifications.Notifications;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// The live stream's single source: a Marten subscription over NotificationCreated, run by the
/// async daemon in sequence order over committed events only (so nothing a client sees live is
/// missing from the store when it reconnects). Progress is stored, but live delivery is
/// best-effort by design: a reconnecting client catches up from the store with Last-Event-ID.
/// </summary>
public sealed class InboxFanOut : SubscriptionBase
{
    public const string SubscriptionName = "InboxFanOut";
    private readonly InboxBroadcaster _broadcaster;

    public InboxFanOut(InboxBroadcaster broadcaster)
    {
        _broadcaster = broadcaster;
        IncludeType<NotificationCreated>();
    }

    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var items = new List<LiveNotification>(page.Events.Count);
        foreach (var e in page.Events)
            if (e is IEvent<NotificationCreated> created)
                items.Add(new LiveNotification(e.Sequence, Notification.Create(created)));
        _broadcaster.Publish(items, page.SequenceCeiling);
        _broadcaster.NoteSubscriptionPage();
        return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }
}
