using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.ListingHouseholds;
using FiveSocieties.Cases.Households.Merging;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.Contracts.V1;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Households;

public sealed record MemberView(Guid MemberId, RelationToHead RelationToHead, Gender Gender, string? Name, DateOnly? BirthDate, string? IdNumber, string? Phone);

public sealed record HouseholdView(
    Guid Id, HouseholdLocation Location, string? Address, GeoPoint? Position, IReadOnlyList<MemberView> Members,
    Guid? MergedInto, IReadOnlyList<Guid> Absorbed, long Version);

/// <summary>Households (家庭) and members: routes and store set-up.</summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholds(this IEndpointRouteBuilder app)
    {
        app.MapRegisterHousehold();
        app.MapMergeHouseholds();
        app.MapHouseholdList();
        app.MapGet("/households/{id:guid}", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .ShowsPersonalData()
            .WithSummary("(Every read is audited; a supervisor of another station may read with the X-Break-Glass-Reason header.) A household of the reader's station with its members' personal fields opened (null once erased).");
        return app;
    }

    /// <summary>
    /// Households are their station's: another station's staff get 404 (as if it did not exist)
    /// when they write to one; reads go through <see cref="HouseholdReading.OpenAsync"/>,
    /// which also audits them.
    /// </summary>
    internal static void EnsureOwnStation(this CurrentUser user, Household household) =>
        user.EnsureCanSee(household.StationId ?? Guid.Empty, "Household", household.Id);

    public static StoreOptions AddHouseholds(this StoreOptions store)
    {
        store.Projections.Snapshot<Household>(SnapshotLifecycle.Inline);
        // GET /households lists a station's.
        store.Schema.For<Household>().Duplicate(h => h.StationId!);
        return store;
    }

    private static async Task<Ok<HouseholdView>> GetAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, IPersonalKeyStore personalKeys, HttpRequest request,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var household = await HouseholdReading.OpenAsync(store, session, CurrentUser.From(principal), id, request, clock, cancellationToken);
        var keys = await personalKeys.FindAsync([id, .. household.Members.Select(m => m.MemberId)], cancellationToken);
        var home = PersonalData.OpenJson<HomeDetails>(keys.GetValueOrDefault(id), household.SealedHome);
        return TypedResults.Ok(new HouseholdView(household.Id, household.Location, home?.Address,
            home is { Latitude: { } lat, Longitude: { } lon } ? new GeoPoint(lat, lon) : null,
            household.Members.Select(m =>
            {
                var d = PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(m.MemberId), m.SealedDetails);
                return new MemberView(m.MemberId, m.Relation, m.Gender, d?.Name, d?.BirthDate, d?.IdNumber, d?.Phone);
            }).ToList(),
            household.MergedInto, household.Absorbed, household.Version));
    }
}
