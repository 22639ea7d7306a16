using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Caseloads;

public static class CaseloadEndpoint
{
    public static void MapCaseload(this IEndpointRouteBuilder api) =>
        api.MapGet("/caseworkers/{id:guid}/caseload", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("A caseworker's open and active cases, most urgent first: overdue visit, then risk, then next visit due.");

    private static async Task<Results<Ok<Caseload>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var isAdmin = user.IsIn(Roles.Admin);
        // A caseworker's list is their own business and their supervisor's, not a colleague's.
        if (!isAdmin && user.Id != id && !user.IsIn(Roles.Supervisor))
            return TypedResults.Problem(statusCode: 403, detail: "A caseworker may read only their own caseload.");
        if (!isAdmin && user.StationId is null)
            return TypedResults.Problem(statusCode: 403, detail: "Station staff need a station claim to read a caseload.");

        // Station staff see the caseworker's cases of their own station only.
        var cases = await CaseloadRow.OfAsync(session, id, isAdmin ? null : user.StationId, cancellationToken);

        // A caseworker whose cases are all at another station is another station's caseworker:
        // 404, as for any record of another station, so the id does not leak what it holds there.
        if (cases.Count == 0 && !isAdmin && user.Id != id)
        {
            var station = user.StationId!.Value;
            if (await session.Query<Case>().AnyAsync(c => c.CaseworkerId == id && c.StationId != station, cancellationToken))
                throw new RecordNotFound("Caseworker", id);
        }
        return TypedResults.Ok(Caseload.Of(id, cases, clock.GetUtcNow()));
    }
}
