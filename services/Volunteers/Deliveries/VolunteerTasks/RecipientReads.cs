// 查阅留痕 in the field: every time a volunteer's task list showed a recipient's name, address and
// phone, who read it and when. Each list's reads are a stream of their own, so reading never waits
// for or conflicts with anyone; a coordinator lists a case's reads.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Deliveries.VolunteerTasks;

/// <summary>A recipient's details were shown on <paramref name="VolunteerId"/>'s task, to <paramref name="ReaderId"/>.</summary>
public sealed record RecipientDetailsRead(
    Guid CaseId, Guid StationId, Guid DeliveryId, Guid VolunteerId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, DateTimeOffset At);

public static class RecipientReads
{
    public static void MapRecipientReads(this IEndpointRouteBuilder api) =>
        api.MapGet("/recipient-reads", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Who was shown a recipient's address and phone on a task, and when (?caseId=).");

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
