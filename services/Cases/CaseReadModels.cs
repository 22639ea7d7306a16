using System.Linq.Expressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Caseloads;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Cases.OpenNeeds;
using FiveSocieties.Cases.OverdueVisits;
using FiveSocieties.Cases.SituationMap;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Cases;

/// <summary>
/// The read models over cases: caseload, open needs, overdue visits and the station dashboard.
/// All of them query the inline <see cref="Case"/> snapshots (rebuildable from the events) and
/// compute whatever depends on the clock at read time, so none of them stores a fact of its own.
/// </summary>
public static class CaseReadModels
{
    private const int RebuildPageSize = 5_000;
    private const int RebuildFlushCases = 10_000;

    public static IEndpointRouteBuilder MapCaseReadModels(this IEndpointRouteBuilder app)
    {
        app.MapCaseload();
        app.MapOpenNeeds();
        app.MapOverdueVisits();
        app.MapStationDashboard();
        app.MapSituationMap();
        return app;
    }

    /// <summary>
    /// Every read model filters by station, caseworker or status; as real columns with B-tree
    /// indexes these stay index look-ups at 100k cases instead of scans of the JSON documents.
    /// <paramref name="tunedRebuild"/> false leaves Marten's rebuild defaults, which the benchmark
    /// measures next to ours in the same run.
    /// </summary>
    public static StoreOptions AddCaseReadModels(this StoreOptions store, bool tunedRebuild = true)
    {
        // Kept inline (every write sees its case at once); a rebuild replays it through the daemon.
        // Rebuild tuning, measured by `fivesoc bench cases`: big pages, and each case written once per
        // flush window (the latest snapshot of many pages) instead of once per page it appears in,
        // through binary COPY where the writes are pure inserts.
        store.Projections.Snapshot<Case>(SnapshotLifecycle.Inline, rebuild =>
        {
            if (!tunedRebuild) return;
            rebuild.BatchSize = RebuildPageSize;
            rebuild.RebuildFlushThreshold = RebuildFlushCases;
        });
        store.Projections.RebuildWithBulkCopy = tunedRebuild;
        store.Schema.For<Case>()
            .Duplicate(c => c.StationId)
            .Duplicate(c => c.CaseworkerId)
            .Duplicate(c => c.Status)
            .Duplicate(c => c.NextConsentExpiry!)
            .Duplicate(c => c.NextVisitDueAt!);
        store.Projections.Snapshot<VisitOverdueNotice>(SnapshotLifecycle.Inline);
        return store;
    }

    /// <summary>
    /// The case table, for the station views that count and group its columns in SQL (see the
    /// <see cref="BuildingBlocks.EventStore.AggregatedColumnAttribute"/> members of <see cref="Case"/>).
    /// </summary>
    internal static string CaseTable(this IQuerySession session) => session.DocumentStore.Options.Schema.For<Case>();

    /// <summary>
    /// The station's cases that match <paramref name="which"/>, after the scope check: station
    /// staff of another station get 404, as for any other record of that station.
    /// </summary>
    internal static async Task<IReadOnlyList<Case>> CasesOfStationAsync(
        this IQuerySession session, CurrentUser user, Guid stationId, Expression<Func<Case, bool>> which,
        CancellationToken cancellationToken)
    {
        user.EnsureCanSee(stationId, "Station", stationId);
        return await session.Query<Case>().Where(c => c.StationId == stationId).Where(which).ToListAsync(cancellationToken);
    }
}
