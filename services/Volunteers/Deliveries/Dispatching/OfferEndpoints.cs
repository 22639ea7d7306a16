using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Registry;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.Dispatching;

public static class OfferEndpoints
{
    public static void MapOffers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/deliveries/{id:guid}/accept", AcceptAsync)
            .RequireRoles(Roles.Volunteer)
            .WithSummary("Accept a delivery offered to you.");
        api.MapPost("/deliveries/{id:guid}/decline", DeclineAsync)
            .RequireRoles(Roles.Volunteer)
            .WithSummary("Decline a delivery offered to you (or give back one you accepted): it goes to the next best volunteer.");
    }

    private static async Task<Ok<DeliveryWritten>> AcceptAsync(Guid id, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var volunteer = await session.LoadAsync<Volunteer>(user.Id, cancellationToken);
        var cleared = volunteer?.BackgroundCheck == BackgroundCheckStatus.Cleared;
        return await DeliveryCommand.HandleAsync(id, user, session, http,
            state => DeliveryDecider.Decide(state, new AcceptDelivery(id, user.Id, clock.GetUtcNow(), cleared)), cancellationToken);
    }

    private static async Task<Ok<DeliveryWritten>> DeclineAsync(Guid id, ClaimsPrincipal principal, IDocumentSession session, Dispatcher dispatcher,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var delivery = await DeliveryCommand.LoadAsync(session, id, user, cancellationToken);
        // Only the offered volunteer's decline needs a successor; anyone else is refused by the decider.
        var next = delivery.VolunteerId == user.Id ? await dispatcher.NextForAsync(session, delivery, now, cancellationToken) : null;
        return await DeliveryCommand.HandleAsync(id, user, session, http,
            state => DeliveryDecider.Decide(state, new DeclineDelivery(id, user.Id, next, now)),
            cancellationToken);
    }
}
