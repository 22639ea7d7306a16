using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Enrolments;
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

    private static async Task<Ok<DayMap>> MapAsync(ClaimsPrincipal principal, IDocumentSession session, IPersonalKeyStore personalKeys,
        TimeProvider clock, HttpResponse response, CancellationToken ct, DateOnly? date = null, Guid? stationId = null)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var day = validator.Required(date, "date");
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var station = user.StationToRead(stationId);
        var deliveries = await session.Query<Delivery>().Where(d => d.Date == day && d.StationId == station).ToListAsync(ct);
        var places = await Dispatcher.PlacesAsync(session, personalKeys, deliveries.Select(d => d.CaseId), ct);
        var stops = deliveries.Select(d => (Delivery: d, Stop: new MapStop(d.Id, Rounded(places.GetValueOrDefault(d.CaseId)), d.Canteen))).ToList();
        // A home's place, even rounded, is the household's personal data: each one shown is recorded first.
        var now = clock.GetUtcNow();
        var shown = stops.Where(s => s.Stop.Place is not null)
            .Select(s => new RecipientDetailsRead(s.Delivery.CaseId, s.Delivery.StationId, s.Delivery.Id, Guid.Empty, user.Id, user.RoleCodes, now,
                RecipientDetailsRead.OnDayMap))
            .ToList();
        await session.RecordShownAsync(response, shown, ct);
        return TypedResults.Ok(new DayMap(day, stops.Select(s => s.Stop).ToList()));
    }

    private static Position? Rounded(Position? place) =>
        place is { } p ? new Position(Math.Round(p.Latitude, Decimals), Math.Round(p.Longitude, Decimals)) : null;
}
