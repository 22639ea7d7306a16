using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Notifications.Recipients;

public static class GetRecipientEndpoint
{
    public static void MapGetRecipient(this IEndpointRouteBuilder api) =>
        api.MapGet("/recipients/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
                TypedResults.Ok(await session.LoadAsync<Recipient>(id, cancellationToken) ?? throw new RecordNotFound("Recipient", id)))
            .RequireRoles(Roles.Admin)
            .WithSummary("A person's entry in the recipient directory (operators).");
}
