using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Deliveries.Outcomes;
using FiveSocieties.Volunteers.Deliveries.Planning;
using FiveSocieties.Volunteers.Deliveries.Reassigning;
using FiveSocieties.Volunteers.Deliveries.VolunteerTasks;
using FiveSocieties.Volunteers.Deliveries.Visits;
using FiveSocieties.Volunteers.Deliveries.Watching;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.Registry.Listing;
using FiveSocieties.Volunteers.ServedCases;
using FiveSocieties.Volunteers.TimeBank;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace FiveSocieties.Volunteers;

/// <summary>The Volunteers service's routes, one capability each, and its aggregates' storage.</summary>
public static class VolunteersApi
{
    public const string ServiceName = "volunteers";
    public const int DefaultPort = 5103;

    public static IEndpointRouteBuilder MapVolunteersApi(this IEndpointRouteBuilder app)
    {
        app.MapOperatorLookup<ServedCase>("/served-cases/{id:guid}", "Case");
        app.MapVolunteers();
        app.MapVolunteerList();
        app.MapEnrolments();
        app.MapPlanning();
        app.MapOffers();
        app.MapOutcomes();
        app.MapVolunteerTasks();
        app.MapRecipientReads();
        app.MapHours();
        app.MapVisits();
        app.MapReassigning();
        app.MapDayStream();
        app.MapDayMap();
        return app;
    }

    /// <summary>Every aggregate is kept inline (its document is its read model); the sweeps and lists filter on real columns.</summary>
    public static StoreOptions AddVolunteersStore(this StoreOptions store)
    {
        store.Events.AddEventType<RecipientDetailsRead>();
        store.Projections.Snapshot<ServedCase>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Volunteer>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<MealEnrolment>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Delivery>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<TimeBankAccount>(SnapshotLifecycle.Inline);
        store.Schema.For<Volunteer>().Duplicate(v => v.StationId);
        store.Schema.For<MealEnrolment>().Duplicate(e => e.StationId).Duplicate(e => e.CaseId);
        store.Schema.For<Delivery>().Duplicate(d => d.StationId).Duplicate(d => d.CaseId).Duplicate(d => d.VolunteerId!);
        return store;
    }
}
