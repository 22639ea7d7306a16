using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Cases.Cases.GettingCaseDetails;

public static class GetCaseEndpoint
{
    public static void MapGetCase(this IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .WithSummary("A case as it is now; the ETag is its version.");

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var found = await session.LoadAsync<Case>(id, cancellationToken) ?? throw new RecordNotFound("Case", id);
        CurrentUser.From(principal).EnsureCanSee(found.StationId, "Case", id);
        ExpectedVersion.SetETag(response, found.Version);
        return TypedResults.Ok(found);
    }
}
