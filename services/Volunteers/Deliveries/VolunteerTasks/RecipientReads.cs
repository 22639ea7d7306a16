// 查阅留痕 in the field: a coordinator lists who was shown a case's recipient details, and when
// (RecipientDetailsRead, written by the task list and the list of enrolments).
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.VolunteerTasks;

public static class RecipientReads
{
    public static void MapRecipientReads(this IEndpointRouteBuilder api) =>
        api.MapGet("/recipient-reads", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Who was shown a recipient's address and phone, on a task or the list of enrolments, and when (?caseId=).");

    private static async Task<Ok<List<RecipientDetailsRead>>> ListAsync(
        Guid? caseId, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.RequiredId(caseId, "caseId");
        validator.ThrowIfInvalid();
        var served = await session.LoadAsync<ServedCase>(id, cancellationToken) ?? throw new RecordNotFound("Case", id);
        CurrentUser.From(principal).EnsureCanSee(served.StationId, "Case", id);
        var reads = await session.Events.QueryRawEventDataOnly<RecipientDetailsRead>()
            .Where(r => r.CaseId == id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(reads.OrderBy(r => r.At).ToList());
    }
}
