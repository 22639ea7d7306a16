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
            .WithSummary("A case as it is now, or with ?asOf= exactly as it was then (replayed from its events). The ETag is its version.");

    private static async Task<IResult> GetAsync(
        Guid id, DateTimeOffset? asOf, ClaimsPrincipal principal, IQuerySession session, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        // Scope by the case as it is now: a case that moved station is not readable through its past.
        var current = await session.LoadAsync<Case>(id, cancellationToken) ?? throw new RecordNotFound("Case", id);
        user.EnsureCanSee(current.StationId, "Case", id);
        if (asOf is null)
        {
            ExpectedVersion.SetETag(response, current.Version);
            return TypedResults.Ok(current);
        }

        var then = await session.Events.AggregateStreamAsync<Case>(id, timestamp: asOf.Value.ToUniversalTime(), token: cancellationToken)
            ?? throw new RecordNotFound("Case", id);
        return TypedResults.Ok(then);
    }
}
