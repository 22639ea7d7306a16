using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Matching.NeedsMirror;
using Marten;

namespace FiveSocieties.Matching;

public static class MatchingApi
{
    public const string ServiceName = "matching";
    public const int DefaultPort = 5102;

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/known-cases/{id:guid}", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
                TypedResults.Ok(await session.LoadAsync<KnownCase>(id, cancellationToken) ?? throw new RecordNotFound("Case", id)))
            .RequireRoles(Roles.Admin)
            .WithSummary("What Matching knows of a case (operators).");
        return app;
    }
}
