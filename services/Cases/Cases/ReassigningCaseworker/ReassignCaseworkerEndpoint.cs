using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.ReassigningCaseworker;

public sealed record ReassignCaseworkerRequest([property: Required] Guid? CaseworkerId, string? Reason);

public static class ReassignCaseworkerEndpoint
{
    public static void MapReassignCaseworker(this IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/reassign", ReassignAsync)
            .RequireRoles(Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Hand a case to another caseworker. Send If-Match with the version you saw.");

    private static Task<IResult> ReassignAsync(
        Guid id, ReassignCaseworkerRequest request, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseworkerId = validator.RequiredId(request.CaseworkerId, "caseworkerId");
        if (request.Reason is { Length: > 500 }) validator.Fail("reason", "must be at most 500 characters.");
        validator.ThrowIfInvalid();

        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new ReassignCaseworker(id, caseworkerId, request.Reason, user.Id, clock.GetUtcNow())),
            decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }
}
