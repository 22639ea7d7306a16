using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.ServedCases;
using Marten;

namespace FiveSocieties.Volunteers;

public static class VolunteersApi
{
    public const string ServiceName = "volunteers";
    public const int DefaultPort = 5103;

    public static IEndpointRouteBuilder MapVolunteersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/served-cases/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
                TypedResults.Ok(await session.LoadAsync<ServedCase>(id, cancellationToken) ?? throw new RecordNotFound("Case", id)))
            .RequireRoles(Roles.Admin)
            .WithSummary("What Volunteers knows of a case (operators).");
        return app;
    }
}
