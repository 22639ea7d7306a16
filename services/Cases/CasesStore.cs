using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.Cases.SharingContact;
using FiveSocieties.Cases.ClientSearch;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Staff;
using FiveSocieties.Cases.Stations;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Reports;
using Marten;

namespace FiveSocieties.Cases;

/// <summary>
/// The Cases event store: its streams' snapshots and read models, in one place for the service
/// and for the operator's tools that open the same store (`fivesoc rebuild cases`, the benchmark).
/// </summary>
public static class CasesStore
{
    public static StoreOptions AddCasesStore(this StoreOptions store, LocalCalendar calendar)
    {
        store.AddStations();
        store.AddStaff();
        store.AddHouseholds();
        store.AddMemberIndex();
        store.AddActivities();
        store.AddCaseReadModels();
        store.AddClientContact();
        store.AddServiceRecords(calendar);
        return store;
    }
}
