using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Registry;
using Marten;

namespace FiveSocieties.Volunteers.Deliveries.Dispatching;

public static class OfferEndpoints
{
    public static void MapOffers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/deliveries/{id:guid}/accept", AcceptAsync)
            .RequireRoles(Roles.Volunteer)
            .Produces<DeliveryWritten>()
            .WithSummary("Accept a delivery offered to you.");
        api.MapPost("/deliveries/{id:guid}/decline", DeclineAsync)
            .RequireRoles(Roles.Volunteer)
            .Produces<DeliveryWritten>()
            .WithSummary("Decline a delivery offered to you (or give back one you accepted): it goes to the next best volunteer.");
    }

    private static async Task<IResult> AcceptAsync(Guid id, FieldActionRequest? request, ClaimsPrincipal principal,
        IQuerySession session, IDocumentStore store, TimeProvider clock, VolunteersSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var (time, action) = DeliveryCommand.Action(request?.ActionId, request?.OccurredAt, clock.GetUtcNow(), settings);
        var volunteer = await session.LoadAsync<Volunteer>(user.Id, cancellationToken);
        var cleared = volunteer?.BackgroundCheck == BackgroundCheckStatus.Cleared;
        return await store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new AcceptDelivery(id, user.Id, time.OccurredAt, cleared, action)),
            DeliveryCommand.Answer(action.ActionId), cancellationToken);
    }

    private static async Task<IResult> DeclineAsync(Guid id, FieldActionRequest? request, ClaimsPrincipal principal,
        IDocumentSession session, IDocumentStore store, Dispatcher dispatcher, TimeProvider clock, VolunteersSettings settings, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var (time, action) = DeliveryCommand.Action(request?.ActionId, request?.OccurredAt, now, settings);
        var delivery = await DeliveryCommand.LoadAsync(session, id, user, cancellationToken);
        // Only the offered volunteer's decline needs a successor; anyone else is refused by the decider.
        var next = delivery.VolunteerId == user.Id ? await dispatcher.NextForAsync(session, delivery, now, cancellationToken) : null;
        return await store.DecideOverHttpAsync<Delivery>(id, http, DeliveryCommand.CanReach(user),
            state => DeliveryDecider.Decide(state, new DeclineDelivery(id, user.Id, next, time.OccurredAt, action)),
            DeliveryCommand.Answer(action.ActionId), cancellationToken);
    }
}
