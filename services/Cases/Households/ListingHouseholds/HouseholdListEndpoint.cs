using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Households.ListingHouseholds;

/// <summary>A household on a station's list: nothing personal (names, numbers and the address stay sealed, and are not opened here).</summary>
public sealed record HouseholdSummary(Guid Id, Guid? StationId, string Grid, int MemberCount, DateTimeOffset RegisteredAt);

public static class HouseholdListEndpoint
{
    public static void MapHouseholdList(this IEndpointRouteBuilder api) =>
        api.MapGet("/households", ListAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("A station's households (?stationId=, else the caller's own; admins: every station's), newest first, paged. No personal fields; merged households are left out.");

    private static async Task<Ok<ListPage<HouseholdSummary>>> ListAsync(
        ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken,
        Guid? stationId = null, int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        var station = CurrentUser.From(principal).StationToList(stationId);
        var households = session.Query<Household>().Where(h => h.MergedInto == null);
        if (station is { } only) households = households.Where(h => h.StationId == only);
        return TypedResults.Ok(await households.ToListPageAsync(
            q => q.OrderByDescending(h => h.RegisteredAt).ThenBy(h => h.Id), paging,
            h => new HouseholdSummary(h.Id, h.StationId, h.Location.Grid, h.Members.Count, h.RegisteredAt), cancellationToken));
    }
}
