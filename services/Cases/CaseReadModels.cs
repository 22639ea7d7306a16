using System.Linq.Expressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Caseloads;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Dashboards;
using FiveSocieties.Cases.OpenNeeds;
using FiveSocieties.Cases.OverdueVisits;
using FiveSocieties.Cases.PlansAwaitingApproval;
using FiveSocieties.Cases.Reports;
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
    public static IEndpointRouteBuilder MapCaseReadModels(this IEndpointRouteBuilder app)
    {
        app.MapCaseload();
        app.MapOpenNeeds();
        app.MapOverdueVisits();
        app.MapStationDashboard();
        app.MapSituationMap();
        app.MapPlansAwaitingApproval();
        app.MapStationAudit();
        app.MapStationLedger();
        app.MapStatistics();
        return app;
    }

    /// <summary>
    /// Every read model filters by station, caseworker or status; as real columns with B-tree
    /// indexes these stay index look-ups at 100k cases instead of scans of the JSON documents.
    /// </summary>
    public static StoreOptions AddCaseReadModels(this StoreOptions store)
    {
        // Kept inline (every write sees its case at once). A rebuild goes stream by stream
        // (ProjectionRebuild, `fivesoc rebuild cases`), not through the daemon's global replay.
        store.Projections.Snapshot<Case>(SnapshotLifecycle.Inline);
        store.Schema.For<Case>()
            .Duplicate(c => c.StationId)
            .Duplicate(c => c.CaseworkerId)
            .Duplicate(c => c.Status)
            .Duplicate(c => c.NextConsentExpiry!)
            .Duplicate(c => c.NextVisitDueAt!)
            .Duplicate(c => c.UrgentNeedWaitingSince!);
        store.Projections.Snapshot<VisitOverdueNotice>(SnapshotLifecycle.Inline);
        store.AddStationAudit();
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
