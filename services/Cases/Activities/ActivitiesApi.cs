using FiveSocieties.Cases.Activities.Enrolling;
using FiveSocieties.Cases.Activities.ListingActivities;
using FiveSocieties.Cases.Activities.RecordingAttendance;
using FiveSocieties.Cases.Activities.Scheduling;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Cases.Activities;

/// <summary>Group and community activities (小组/社区活动): routes and store set-up.</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app)
    {
        app.MapActivityEndpoints();
        app.MapActivityList();
        app.MapEnrolments();
        app.MapAttendance();
        return app;
    }

    /// <summary>Inline: an enrolment and the state the next enrolment decides on commit together.</summary>
    public static StoreOptions AddActivities(this StoreOptions store)
    {
        store.Projections.Snapshot<Activity>(SnapshotLifecycle.Inline);
        // GET /activities lists a station's.
        store.Schema.For<Activity>().Duplicate(a => a.StationId);
        return store;
    }
}
