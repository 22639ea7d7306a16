using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using FiveSocieties.Volunteers.Registry;
using VolunteerRecordRead = FiveSocieties.Volunteers.Registry.VolunteerRecordRead;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.Reassigning;

/// <param name="Reason">Why, in the coordinator's words (kept with the event, e.g. "张师傅病了").</param>
public sealed record ReassignRequest([property: Required] Guid? VolunteerId, string? Reason);

/// <summary>The planner's choice first, then everyone else of the station who could be asked.</summary>
public sealed record ReassignSuggestions(Guid DeliveryId, Guid? CurrentVolunteerId, IReadOnlyList<ReassignCandidate> Candidates);

/// <summary>
/// A coordinator (调度) hands a delivery to another volunteer by hand, with the planner's
/// suggestion first. Only staff of the delivery's station: another station's delivery is 404.
/// </summary>
public static class ReassignEndpoints
{
    public const int ReasonMaxLength = 500;

    public static void MapReassigning(this IEndpointRouteBuilder api)
    {
        api.MapGet("/deliveries/{id:guid}/reassign-suggestions", SuggestAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("Whom to give a delivery to: the planner's choice first, then the station's other active volunteers (who may take it first, nearest first).")
            .Produces<ReassignSuggestions>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/deliveries/{id:guid}/reassign", ReassignAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("Give a delivery to another volunteer of its station (until the meal is picked up): the previous volunteer's task ends and the chosen one is offered it. A repeat changes nothing.")
            .Produces<DeliveryWritten>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Ok<ReassignSuggestions>> SuggestAsync(Guid id, ClaimsPrincipal principal, IDocumentSession session,
        Dispatcher dispatcher, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var delivery = await DeliveryCommand.LoadAsync(session, id, user, cancellationToken);
        var now = clock.GetUtcNow();
        var candidates = await dispatcher.CandidatesForAsync(session, delivery, now, cancellationToken);
        // The volunteers' names, and how far each lives from the household, are recorded before they are shown.
        if (candidates.Count > 0)
            await session.RecordShownAsync(response,
                [new VolunteerRecordRead(delivery.StationId, null, VolunteerRecordRead.Candidates, candidates.Count, user.Id, user.RoleCodes, now)],
                cancellationToken);
        return TypedResults.Ok(new ReassignSuggestions(delivery.Id, delivery.IsAssigned ? delivery.VolunteerId : null, candidates));
    }

    private static async Task<IResult> ReassignAsync(Guid id, ReassignRequest request, ClaimsPrincipal principal,
        IQuerySession session, IDocumentStore store, Dispatcher dispatcher, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var volunteerId = validator.RequiredId(request.VolunteerId, "volunteerId");
        validator.Check(request.Reason is not { Length: > ReasonMaxLength }, "reason", $"must be at most {ReasonMaxLength} characters.");
        validator.ThrowIfInvalid();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();

        var delivery = await DeliveryCommand.LoadAsync(session, id, user, cancellationToken);
        var chosen = await session.LoadAsync<Volunteer>(volunteerId, cancellationToken);
        // Another station's volunteer is as unknown here as an id that names nobody.
        if (chosen is null || chosen.StationId != delivery.StationId) throw new RecordNotFound("Volunteer", volunteerId);
        if (chosen.Status != VolunteerStatus.Active)
            throw new DomainRuleViolation("volunteer.not-active", "The volunteer is suspended: tasks do not go to them.");
        var now = clock.GetUtcNow();
        var offer = await dispatcher.OfferForAsync(session, delivery, volunteerId, now, cancellationToken);
        return await store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new ReassignDelivery(id, offer, chosen.BackgroundCheck == BackgroundCheckStatus.Cleared,
                chosen.Skills.Contains(VolunteerSkill.Companionship), user.Id, reason, now)),
            DeliveryCommand.Answer(), cancellationToken);
    }
}
