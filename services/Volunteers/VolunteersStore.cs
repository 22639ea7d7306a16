using FiveSocieties.Volunteers.Deliveries.Confirming;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Deliveries.VolunteerTasks;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.ServedCases;
using FiveSocieties.Volunteers.TimeBank;
using JasperFx.Events.Projections;
using Marten;

namespace FiveSocieties.Volunteers;

/// <summary>
/// The Volunteers event store, in one place for the service and for the operator's tools that
/// open the same store (`fivesoc rebuild volunteers`).
/// </summary>
public static class VolunteersStore
{
    /// <summary>Every aggregate is kept inline (its document is its read model); the sweeps and lists filter on real columns.</summary>
    public static StoreOptions AddVolunteersStore(this StoreOptions store)
    {
        store.Events.AddEventType<RecipientDetailsRead>();
        store.Events.AddEventType<RecipientReplied>();
        store.UpcastEarlierVolunteerEvents();
        store.Projections.Snapshot<ServedCase>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Volunteer>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<MealEnrolment>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Delivery>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<TimeBankAccount>(SnapshotLifecycle.Inline);
        store.Schema.For<TimeBankAccount>().Duplicate(a => a.StationId);
        store.Schema.For<Volunteer>().Duplicate(v => v.StationId);
        store.Schema.For<MealEnrolment>().Duplicate(e => e.StationId).Duplicate(e => e.CaseId);
        store.Schema.For<Delivery>().Duplicate(d => d.StationId).Duplicate(d => d.CaseId).Duplicate(d => d.VolunteerId!);
        return store;
    }
}
