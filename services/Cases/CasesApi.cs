using FiveSocieties.Cases.Cases.Assessing;
using FiveSocieties.Cases.ClientSearch;
using FiveSocieties.Cases.Cases.Consenting;
using FiveSocieties.Cases.Cases.Erasing;
using FiveSocieties.Cases.Cases.GettingCaseDetails;
using FiveSocieties.Cases.Cases.ListingReads;
using FiveSocieties.Cases.Cases.ListingCases;
using FiveSocieties.Cases.Cases.OpeningCase;
using FiveSocieties.Cases.Cases.Planning;
using FiveSocieties.Cases.Cases.ClosingCase;
using FiveSocieties.Cases.Cases.RaisingNeeds;
using FiveSocieties.Cases.Cases.ReassigningCaseworker;
using FiveSocieties.Cases.Cases.Timeline;
using FiveSocieties.Cases.Cases.SharingContact;
using FiveSocieties.Cases.Cases.Visiting;
using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Staff;

namespace FiveSocieties.Cases;

/// <summary>The Cases service's routes, one capability each.</summary>
public static class CasesApi
{
    public const string ServiceName = "cases";
    public const int DefaultPort = 5101;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenCase();
        app.MapGetCase();
        app.MapCaseList();
        app.MapReassignCaseworker();
        app.MapNeeds();
        app.MapConsents();
        app.MapClientErasure();
        app.MapCaseFileAudit();
        app.MapCaseLifecycle();
        app.MapTimeline();
        app.MapAssessments();
        app.MapServicePlans();
        app.MapVisits();
        app.MapStations();
        app.MapStaff();
        app.MapHouseholds();
        app.MapClientSearch();
        app.MapActivities();
        app.MapCaseReadModels();
        app.MapClientContact();
        return app;
    }
}
