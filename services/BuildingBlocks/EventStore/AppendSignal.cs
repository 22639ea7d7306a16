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
/// every few events, each cycle with a fixed cost (queries, confirms, a progress commit). So the
/// signal adapts: when the store was quiet, a commit wakes the agent at once (lowest latency);
/// when commits arrived while the agent was busy, it waits <c>busyInterval</c> after its last
/// look, so the next page gathers the events of that interval.
/// </summary>
public sealed class AppendSignal(TimeSpan busyInterval) : DocumentSessionListenerBase, IDaemonWakeup
{
    // At most one pending wake-up: ten commits while the agent is busy need one more look, not ten.
    // The flag keeps Pulse cheap (no lock, no exception) when a wake-up is already pending.
    private readonly SemaphoreSlim _pending = new(0, 1);
    private int _signalled;
    private long _lastLook;

    /// <summary>
    /// Off when the relay publishes on commit: the daemon then only catches up, on its regular poll
    /// or when that path leaves it something (it pulses then).
    /// </summary>
    public bool WakeOnCommit { get; set; } = true;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (WakeOnCommit && commit.GetEvents().Any()) Pulse();
        return Task.CompletedTask;
    }

    public void Pulse()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0) _pending.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        // A wake-up already pending on entry means events came in during the last look: busy.
        var busy = Volatile.Read(ref _signalled) == 1;
        if (await _pending.WaitAsync(timeout, token).ConfigureAwait(false)) Interlocked.Exchange(ref _signalled, 0);
        var sinceLastLook = TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _lastLook));
        if (busy && sinceLastLook < busyInterval) await Task.Delay(busyInterval - sinceLastLook, token).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastLook, TimeProvider.System.GetTimestamp());
    }

    public void Dispose() => _pending.Dispose();
}
