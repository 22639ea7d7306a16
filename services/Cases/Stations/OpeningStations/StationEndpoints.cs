using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Stations.OpeningStations;

/// <summary>POST /stations. The client may send its own stationId: a repeat then answers with the same station.</summary>
public sealed record OpenStationRequest(
    Guid? StationId, [property: Required] string? DistrictCode, [property: Required] string? TownshipCode, [property: Required] string? Name, bool? RegisteredInNationalSystem);

public sealed record StationWritten(Guid Id, long Version);

public static class StationEndpoints
{
    public static void MapStationEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/stations", OpenAsync)
            .RequireRoles(DistrictGovernance.Roles)
            .Produces<StationWritten>(StatusCodes.Status200OK)
            .Produces<StationWritten>(StatusCodes.Status201Created)
            .WithSummary("Open a township social-work station (社工站); one per registered township.");
        api.MapPost("/stations/{id:guid}/national-registration", RegisterNationallyAsync)
            .RequireRoles(DistrictGovernance.Roles)
            .Produces<StationWritten>()
            .WithSummary("Record that the station is registered in the national social-work information system.");
        api.MapGet("/stations/{id:guid}", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("A station as it is now. The ETag is its version.");
    }

    private static async Task<IResult> OpenAsync(
        OpenStationRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(request.DistrictCode), "districtCode", "must be a 6-digit district code, e.g. 140213.");
        validator.Check(DivisionCodes.IsTownshipCode(request.TownshipCode), "townshipCode", "must be a 9-digit township code, e.g. 140213001.");
        var name = validator.RequiredText(request.Name, "name", 100);
        validator.Check(request.StationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        user.EnsureGoverns(request.DistrictCode!);

        var stationId = request.StationId ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var command = new OpenStation(stationId, request.DistrictCode!, request.TownshipCode!, name,
            request.RegisteredInNationalSystem ?? false, user.Id, now);
        // Two streams, one transaction: the station's own, and its district's, which guards
        // that the township exists and has no other station.
        return await store.DecideOrStartOverHttpAsync<Station, IResult>(stationId, http,
            state => StationDecider.Decide(state, command),
            (decision, _) => decision.CreatedUnlessRepeated($"/stations/{stationId}", new StationWritten(stationId, decision.Version)), cancellationToken,
            alongside: (_, _, session) => session.DecideAsync<District>(DivisionCodes.DistrictId(command.DistrictCode),
                district => DistrictDecider.Decide(district, new PlaceStation(command.TownshipCode, stationId, now)), cancellationToken));
    }

    private static Task<IResult> RegisterNationallyAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var command = new RegisterStationNationally(id, user.Id, clock.GetUtcNow());
        return store.DecideOverHttpAsync<Station>(id, http, station => user.EnsureGoverns(station.DistrictCode), state => StationDecider.Decide(state, command),
            decided => TypedResults.Ok(new StationWritten(id, decided.Decision.Version)), cancellationToken);
    }

    private static async Task<Ok<Station>> GetAsync(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var station = await session.LoadAsync<Station>(id, cancellationToken) ?? throw new RecordNotFound("Station", id);
        ExpectedVersion.SetETag(response, station.Version);
        return TypedResults.Ok(station);
    }
}
