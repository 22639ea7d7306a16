using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Cases.Staff;

/// <summary>The staff rosters of stations and districts (who answers an alarm where): routes and store set-up.</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        app.MapStaffEndpoints();
        return app;
    }

    /// <summary>Inline, so a roster read right after a write shows it; the rosters are read by station and by district.</summary>
    public static StoreOptions AddStaff(this StoreOptions store)
    {
        store.Projections.Snapshot<StaffMember>(SnapshotLifecycle.Inline);
        store.Schema.For<StaffMember>()
            .Duplicate(s => s.StationId!)
            .Duplicate(s => s.DistrictCode!);
        return store;
    }
}
