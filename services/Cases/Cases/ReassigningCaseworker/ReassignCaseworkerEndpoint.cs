using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.ReassigningCaseworker;

public sealed record ReassignCaseworkerRequest(Guid? CaseworkerId, string? Reason);

public static class ReassignCaseworkerEndpoint
{
    public static void MapReassignCaseworker(this IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/reassign", ReassignAsync)
            .RequireRoles(Roles.Supervisor)
            .WithSummary("Hand a case to another caseworker. Send If-Match with the version you saw.");

    private static async Task<IResult> ReassignAsync(
        Guid id, ReassignCaseworkerRequest request, ClaimsPrincipal principal, IDocumentSession session,
        TimeProvider clock, HttpRequest http, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseworkerId = validator.RequiredId(request.CaseworkerId, "caseworkerId");
        if (request.Reason is { Length: > 500 }) validator.Fail("reason", "must be at most 500 characters.");
        var expected = ExpectedVersion.FromIfMatch(http);
        validator.ThrowIfInvalid();

        var decision = await session.DecideAsync<Case>(id, state =>
        {
            if (state is null) throw new RecordNotFound("Case", id);
            user.EnsureCanSee(state.StationId, "Case", id);
            return CaseDecider.Decide(state, new ReassignCaseworker(id, caseworkerId, request.Reason, user.Id, clock.GetUtcNow()));
        }, cancellationToken, expected);
        await session.SaveChangesAsync(cancellationToken);

        ExpectedVersion.SetETag(response, decision.Version);
        return TypedResults.Ok(new CaseWritten(id, decision.Version));
    }
}
