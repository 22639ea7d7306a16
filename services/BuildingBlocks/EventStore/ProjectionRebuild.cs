using System.Diagnostics;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>One projection rebuilt: how (stream by stream, or the daemon's replay), what it read and wrote, how long it took.</summary>
public sealed record ProjectionRebuilt(string Projection, string Method, long Events, long Documents, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Every read model of a store rebuilt from its events: the operator's way back after a bug in a
/// projection or a lost table (`fivesoc rebuild`). Inline single-stream snapshots go stream by
/// stream (<see cref="SnapshotRebuild"/>, several times faster); every other projection (one over
/// many streams, such as an index or a district's coverage) through Marten's own daemon rebuild.
/// Run it with the service stopped: documents disappear and come back while it runs.
/// </summary>
public static class ProjectionRebuild
{
    public const string StreamByStream = "stream by stream";
    public const string DaemonReplay = "daemon replay";

    public static async Task<IReadOnlyList<ProjectionRebuilt>> RebuildAllProjectionsAsync(
        this IDocumentStore store, Action<ProjectionRebuilt>? rebuilt = null, CancellationToken cancellationToken = default)
    {
        var results = new List<ProjectionRebuilt>();
        // Projections only (Projections.All): a subscription such as the integration event relay,
        // replayed, would publish the whole history again.
        var projections = ((StoreOptions)store.Options).Projections.All;
        foreach (var snapshot in projections.OfType<IAggregateProjection>().Where(IsStreamSnapshot))
        {
            var result = await RebuildSnapshotsOfAsync(store, snapshot.AggregateType, cancellationToken);
            var done = new ProjectionRebuilt(snapshot.AggregateType.Name, StreamByStream, result.Events, result.Documents, result.Elapsed);
            results.Add(done);
            rebuilt?.Invoke(done);
        }

        var byDaemon = projections.Where(p => p is not IAggregateProjection aggregate || !IsStreamSnapshot(aggregate)).ToList();
        if (byDaemon.Count == 0) return results;
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in byDaemon)
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(30), cancellationToken);
            var done = new ProjectionRebuilt(projection.Name, DaemonReplay, 0, 0, watch.Elapsed);
            results.Add(done);
            rebuilt?.Invoke(done);
        }
        return results;
    }

    /// <summary>A document built from one stream alone and kept in step with it on every append: it can be rebuilt stream by stream.</summary>
    private static bool IsStreamSnapshot(IAggregateProjection projection) =>
        projection.Scope == AggregationScope.SingleStream && projection.Lifecycle == ProjectionLifecycle.Inline && projection.IdentityType == typeof(Guid);

    private static Task<SnapshotRebuildResult> RebuildSnapshotsOfAsync(IDocumentStore store, Type documentType, CancellationToken cancellationToken) =>
        (Task<SnapshotRebuildResult>)typeof(SnapshotRebuild).GetMethod(nameof(SnapshotRebuild.RebuildSnapshotsAsync))!
            .MakeGenericMethod(documentType)
            .Invoke(null, [store, cancellationToken])!;
}
