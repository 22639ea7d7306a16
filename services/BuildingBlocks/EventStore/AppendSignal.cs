using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// How the async daemon learns of new events. Polling alone costs 0.25–1 s of relay latency,
/// and PostgreSQL LISTEN/NOTIFY costs a quarter of append throughput (PLATFORM.md). The events
/// that matter are nearly always appended by this same process, so the session that commits
/// them wakes the daemon's high-water agent directly: a semaphore release, no round trip.
/// Appends by another replica are still found by the regular poll.
///
/// Under load a wake per commit would spin the agent through a detect → load → publish cycle for
/// every few events; a short minimum interval between looks lets a page gather the events of
/// that interval instead, trading a few milliseconds of latency for far less work per event.
/// </summary>
public sealed class AppendSignal(TimeSpan minimumInterval) : DocumentSessionListenerBase, IDaemonWakeup
{
    // At most one pending wake-up: ten commits while the agent is busy need one more look, not ten.
    private readonly SemaphoreSlim _pending = new(0, 1);
    private long _lastLook;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any()) Pulse();
        return Task.CompletedTask;
    }

    public void Pulse()
    {
        try { _pending.Release(); }
        catch (SemaphoreFullException) { /* a wake-up is already pending */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        await _pending.WaitAsync(timeout, token).ConfigureAwait(false);
        var sinceLastLook = TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _lastLook));
        if (sinceLastLook < minimumInterval) await Task.Delay(minimumInterval - sinceLastLook, token).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastLook, TimeProvider.System.GetTimestamp());
    }

    public void Dispose() => _pending.Dispose();
}
