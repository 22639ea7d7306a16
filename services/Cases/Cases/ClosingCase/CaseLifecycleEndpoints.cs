using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.ClosingCase;

public sealed record CaseLifecycleRequest([property: Required] string? Reason);

public static class CaseLifecycleEndpoints
{
    public static void MapCaseLifecycle(this IEndpointRouteBuilder api)
    {
        api.MapPost("/cases/{id:guid}/close", CloseAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Close a case; its open needs are withdrawn with it.");
        api.MapPost("/cases/{id:guid}/reopen", ReopenAsync)
            .RequireRoles(Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Reopen a closed case.");
    }

    private static Task<IResult> CloseAsync(
        Guid id, CaseLifecycleRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var reason = RequiredReason(request);
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new CloseCase(id, reason, user.Id, clock.GetUtcNow())), decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }

    private static Task<IResult> ReopenAsync(
        Guid id, CaseLifecycleRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var reason = RequiredReason(request);
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new ReopenCase(id, reason, user.Id, clock.GetUtcNow())), decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }

    private static string RequiredReason(CaseLifecycleRequest request)
    {
        var validator = new RequestValidator();
        var reason = validator.RequiredText(request.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        return reason;
    }
}
