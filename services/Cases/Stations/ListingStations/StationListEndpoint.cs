using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Stations.ListingStations;

/// <summary>A station's public facts: what anyone on the staff may know of any station.</summary>
public sealed record StationSummary(Guid Id, string Name, string DistrictCode, string TownshipCode, bool RegisteredInNationalSystem);

public static class StationListEndpoint
{
    public static void MapStationList(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations", ListAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin, Roles.DistrictOfficer)
            .WithSummary("Every station (?district= a 6-digit code for one district's), by district and township, paged (?page=, ?pageSize=).");

    private static async Task<Ok<ListPage<StationSummary>>> ListAsync(
        IQuerySession session, CancellationToken cancellationToken, string? district = null, int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        validator.Check(district is null || DivisionCodes.IsDistrictCode(district), "district", "must be a 6-digit district code, e.g. 140213.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        var stations = session.Query<Station>().AsQueryable();
        if (district is not null) stations = stations.Where(s => s.DistrictCode == district);
        return TypedResults.Ok(await stations.ToListPageAsync(
            q => q.OrderBy(s => s.DistrictCode).ThenBy(s => s.TownshipCode).ThenBy(s => s.Id), paging,
            s => new StationSummary(s.Id, s.Name, s.DistrictCode, s.TownshipCode, s.RegisteredInNationalSystem), cancellationToken));
    }
}
