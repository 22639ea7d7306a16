using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FiveSocieties.BuildingBlocks.Http;

public static class RecordLookup
{
    /// <summary>
    /// GET {route} for operators: one read-model document by id, 404 when missing. For looking
    /// into what a service has learned from the others (mirrors, directories).
    /// </summary>
    public static RouteHandlerBuilder MapOperatorLookup<TDocument>(this IEndpointRouteBuilder app, string route, string kind)
        where TDocument : class =>
        app.MapGet(route, async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
                TypedResults.Ok(await session.LoadAsync<TDocument>(id, cancellationToken) ?? throw new RecordNotFound(kind, id)))
            .RequireRoles(Roles.Admin)
            .WithSummary($"What this service knows of a {kind.ToLowerInvariant()} (operators).");
}
