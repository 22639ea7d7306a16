using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.Planning;

public sealed record PlanRequest([property: Required] DateOnly? Date, Guid? StationId);

/// <param name="Confirmation">The household's answer to the evening-before SMS: NotAsked, NotSent, NoAnswer (asked, silent), Confirmed, Skipped.</param>
public sealed record DeliveryListItem(
    Guid Id, Guid CaseId, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, DeliveryStatus Status,
    Guid? VolunteerId, int RouteStop, DateTimeOffset? RespondBy, long Version, RecipientConfirmation Confirmation)
{
    public static DeliveryListItem From(Delivery d) =>
        new(d.Id, d.CaseId, d.StationId, d.Date, d.WindowFrom, d.WindowTo, d.Status, d.VolunteerId, d.RouteStop, d.RespondBy, d.Version,
            d.Confirmation);
}

public static class PlanningEndpoints
{
    public static void MapPlanning(this IEndpointRouteBuilder api)
    {
        api.MapPost("/deliveries/plan", PlanAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("Plan a day: one delivery per enrolled household, offered along planned routes. Planning again creates nothing new.");
        api.MapGet("/deliveries", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("A day's deliveries of the coordinator's station.");
    }

    private static async Task<Results<Ok<DayPlanned>, ProblemHttpResult>> PlanAsync(
        PlanRequest request, ClaimsPrincipal principal, IDocumentSession session, Dispatcher dispatcher, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var date = validator.Required(request.Date, "date");
        validator.Check(request.StationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var stationId = request.StationId ?? user.StationId;
        if (stationId is { } station && !user.MayActFor(station) || stationId is null && !user.IsIn(Roles.Admin))
            return TypedResults.Problem(statusCode: 403, detail: "You may plan only your own station's deliveries.");

        var planned = await dispatcher.PlanDayAsync(session, date, stationId, clock.GetUtcNow(), cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(planned);
    }

    private static async Task<Ok<IEnumerable<DeliveryListItem>>> ListAsync(
        DateOnly? date, Guid? stationId, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var day = validator.Required(date, "date");
        validator.ThrowIfInvalid();
        var station = user.StationToRead(stationId);
        var deliveries = await session.Query<Delivery>()
            .Where(d => d.Date == day && d.StationId == station)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(deliveries
            .OrderBy(d => d.VolunteerId).ThenBy(d => d.RouteStop)
            .Select(DeliveryListItem.From));
    }
}
