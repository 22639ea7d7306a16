using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.Watching;

/// <param name="Place">Where the household lives, to about a hundred metres; null when its details are unknown or erased.</param>
/// <param name="PickUp">The canteen its meal is picked up at (a visit has none).</param>
public sealed record MapStop(Guid DeliveryId, Position? Place, Position? PickUp);

/// <summary>Where a day's deliveries are, for drawing the rounds; the rounds themselves come from the day's list.</summary>
public sealed record DayMap(DateOnly Date, IReadOnlyList<MapStop> Stops);

/// <summary>
/// GET /deliveries/map?date=: the places of a station's day, for the board's map. Places do not
/// move during a day, so the board reads them once and joins them to the live list by id. Rounded:
/// a board needs the shape of a round, not a door (the volunteer's task shows the address).
/// </summary>
public static class DayMapEndpoint
{
    private const int Decimals = 3; // about 110 m of latitude

    public static void MapDayMap(this IEndpointRouteBuilder api) =>
        api.MapGet("/deliveries/map", MapAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("Where a station's deliveries of a date are (households to about 100 m, canteens), for the dispatch board's map.")
            .Produces<DayMap>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<DayMap>> MapAsync(ClaimsPrincipal principal, IQuerySession session, IPersonalKeyStore personalKeys, CancellationToken ct,
        DateOnly? date = null, Guid? stationId = null)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var day = validator.Required(date, "date");
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var station = user.StationToRead(stationId);
        var deliveries = await session.Query<Delivery>().Where(d => d.Date == day && d.StationId == station).ToListAsync(ct);
        var places = await Dispatcher.PlacesAsync(session, personalKeys, deliveries.Select(d => d.CaseId), ct);
        return TypedResults.Ok(new DayMap(day, deliveries
            .Select(d => new MapStop(d.Id, Rounded(places.GetValueOrDefault(d.CaseId)), d.Canteen))
            .ToList()));
    }

    private static Position? Rounded(Position? place) =>
        place is { } p ? new Position(Math.Round(p.Latitude, Decimals), Math.Round(p.Longitude, Decimals)) : null;
}
