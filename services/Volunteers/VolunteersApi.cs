using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Volunteers.Deliveries.Confirming;
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

namespace FiveSocieties.Volunteers;

/// <summary>The Volunteers service's routes, one capability each.</summary>
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
        app.MapStationHours();
        app.MapVisits();
        app.MapReassigning();
        app.MapDayStream();
        app.MapDayMap();
        app.MapRecipientReplies();
        return app;
    }
}
