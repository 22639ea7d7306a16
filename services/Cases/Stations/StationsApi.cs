using FiveSocieties.Cases.Stations.Coverage;
using FiveSocieties.Cases.Stations.ListingStations;
using FiveSocieties.Cases.Stations.OpeningStations;
using FiveSocieties.Cases.Stations.RegisteringTownships;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Cases.Stations;

/// <summary>Stations (社工站), the districts and townships they serve, and the coverage report: routes and store set-up.</summary>
public static class StationsApi
{
    public static IEndpointRouteBuilder MapStations(this IEndpointRouteBuilder app)
    {
        app.MapRegisterTownships();
        app.MapStationEndpoints();
        app.MapStationList();
        app.MapCoverage();
        return app;
    }

    /// <summary>All inline: a write and the state and report it changes commit together.</summary>
    public static StoreOptions AddStations(this StoreOptions store)
    {
        store.Projections.Snapshot<District>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Station>(SnapshotLifecycle.Inline);
        // GET /stations?district= looks stations up by it.
        store.Schema.For<Station>().Duplicate(s => s.DistrictCode);
        store.Projections.Add<DistrictCoverageProjection>(ProjectionLifecycle.Inline);
        return store;
    }
}
