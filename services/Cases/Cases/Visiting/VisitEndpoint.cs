using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Cases.Cases.Visiting;

/// <summary>POST /cases/{id}/visits. The client may send its own visitId: a repeat then changes nothing.</summary>
public sealed record RecordVisitRequest(Guid? VisitId, [property: Required] DateTimeOffset? VisitedAt, [property: Required] string? Observations, [property: Required] bool? ConcernsRaised);

public sealed record VisitWritten(Guid CaseId, Guid VisitId, long Version);

public static class VisitEndpoint
{
    public static void MapVisits(this IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/visits", RecordAsync)
            .RequireRoles(Roles.Caseworker)
            .Produces<VisitWritten>(StatusCodes.Status200OK)
            .Produces<VisitWritten>(StatusCodes.Status201Created)
            .WithSummary("Record a caseworker's home visit (入户探访); the next visit falls due from it.");

    private static Task<IResult> RecordAsync(
        Guid id, RecordVisitRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        // Whether the time is in the future is a domain rule (422 visit.in-future); here only its presence.
        var visitedAt = validator.Required(request.VisitedAt, "visitedAt");
        var observations = validator.RequiredText(request.Observations, "observations", 4000);
        var concerns = validator.Required(request.ConcernsRaised, "concernsRaised");
        validator.Check(request.VisitId != Guid.Empty, "visitId", "must not be the empty id.");
        validator.ThrowIfInvalid();

        var visitId = request.VisitId ?? Guid.CreateVersion7();
        var command = new RecordVisit(id, visitId, visitedAt, observations, concerns, user.Id, VisitorRole.Caseworker, clock.GetUtcNow());
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id), state => CaseDecider.Decide(state, command),
            decided => decided.Decision.CreatedUnlessRepeated($"/cases/{id}#visits/{visitId}", new VisitWritten(id, visitId, decided.Decision.Version)),
            cancellationToken);
    }
}
