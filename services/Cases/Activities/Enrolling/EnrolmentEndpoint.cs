using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Activities.Scheduling;
using FiveSocieties.Cases.Cases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Activities.Enrolling;

/// <summary>POST /activities/{id}/enrolments. Enrolling a client already enrolled changes nothing.</summary>
public sealed record EnrolRequest([property: Required] Guid? CaseId);

public static class EnrolmentEndpoint
{
    public static void MapEnrolments(this IEndpointRouteBuilder api) =>
        api.MapPost("/activities/{id:guid}/enrolments", EnrolAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<ActivityWritten>(StatusCodes.Status200OK)
            .Produces<ActivityWritten>(StatusCodes.Status201Created)
            .WithSummary("Enrol a client of the station in the activity; never beyond its capacity.");

    private static async Task<IResult> EnrolAsync(
        Guid id, EnrolRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseId = validator.RequiredId(request.CaseId, "caseId");
        validator.ThrowIfInvalid();

        // The case is only read: the enrolment is the activity's fact. Its concurrency check is the
        // activity stream's version, which every enrolment moves, so the places are never oversold.
        var client = await session.LoadAsync<Case>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
        user.EnsureCanSee(client.StationId, "Case", caseId);
        var command = new EnrolClient(id, caseId, client.StationId, client.ClientGroup, client.Status == CaseStatus.Closed,
            user.Id, clock.GetUtcNow());
        return await store.DecideOverHttpAsync<Activity>(id, http,
            state => user.EnsureCanSee(state.StationId, "Activity", id),
            state => ActivityDecider.Decide(state, command),
            decided => decided.Decision.CreatedUnlessRepeated($"/activities/{id}", new ActivityWritten(id, decided.Decision.Version)),
            cancellationToken);
    }
}
