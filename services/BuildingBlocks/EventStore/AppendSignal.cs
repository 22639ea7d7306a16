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
/// </summary>
public sealed class AppendSignal : DocumentSessionListenerBase, IDaemonWakeup
{
    // At most one pending wake-up: ten commits while the agent is busy need one more look, not ten.
    private readonly SemaphoreSlim _pending = new(0, 1);

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
    }

    public void Dispose() => _pending.Dispose();
}
