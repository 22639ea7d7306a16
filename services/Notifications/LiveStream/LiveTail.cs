using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using FiveSocieties.Notifications.Notifications;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// Every replica feeds its own SSE clients. The async daemon — and with it <see cref="InboxFanOut"/>,
/// the fast path — runs on one replica only (HotCold elects a leader), so each replica also reads
/// the committed notifications itself: up to the daemon's high-water mark, which the leader stores
/// in the database (mt_event_progression), and so in sequence order with no gap still open below
/// it. Both sources hand complete sequence ranges to the same <see cref="InboxBroadcaster"/>, which
/// keeps what is above its mark and drops what the other source already handed out.
///
/// Where the subscription runs, a look at the stored mark is all this costs: the events are read
/// only when the broadcaster is still behind a mark seen one interval earlier and the subscription
/// handed out no page for a second (under load it lags the stored mark by more than an interval,
/// and reading every page twice cost a third more CPU per notification). Elsewhere a client waits
/// for the leader's mark plus up to two intervals; if the local subscription stalls, the tail
/// takes over a second later.
/// </summary>
public sealed class LiveTail(IDocumentStore store, InboxBroadcaster broadcaster, NotificationSettings settings, ILogger<LiveTail> logger)
    : BackgroundService
{
    private const int PageSize = 500;
    private static readonly TimeSpan SubscriptionQuiet = TimeSpan.FromSeconds(1);
    private long _seen = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.LiveTailInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TailAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The live stream's tail could not read the store; trying again");
            }
        }
    }

    /// <summary>One look: hands out what is committed below the stored mark and not handed out by now.</summary>
    public async Task TailAsync(CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var mark = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
        var behind = _seen;
        _seen = mark;
        if (broadcaster.High < 0)
        {
            broadcaster.Seed(mark); // started while the store was unreachable: live from here on
            return;
        }
        if (broadcaster.High >= behind) return; // the subscription (or the last look) covered the last mark seen
        if (broadcaster.Connections == 0)
        {
            broadcaster.Seed(mark); // nobody to hand them to: a client connecting later catches up from the store to here
            return;
        }
        if (broadcaster.SubscriptionActiveWithin(SubscriptionQuiet)) return; // it runs here and is working through it

        var from = broadcaster.High;
        await using var session = store.QuerySession();
        while (from < mark)
        {
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > from && e.Sequence <= mark && e.EventTypesAre(typeof(NotificationCreated)))
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            var ceiling = page.Count == PageSize ? page[^1].Sequence : mark;
            broadcaster.Publish(page.OfType<IEvent<NotificationCreated>>()
                .Select(e => new LiveNotification(e.Sequence, Notification.Create(e))).ToList(), ceiling);
            from = ceiling;
        }
    }
}
