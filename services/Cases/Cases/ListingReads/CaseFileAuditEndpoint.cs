using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Households;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using static FiveSocieties.Cases.Auditing.CaseFileAccess;

namespace FiveSocieties.Cases.Cases.ListingReads;

public sealed record AuditEntry(DateTimeOffset At, Guid ReaderId, IReadOnlyList<string> ReaderRoles, Guid? ReaderStationId, string What,
    bool BreakGlass, string? Reason);

/// <summary>Who read a case file or a household: the record's own station's supervisors and admins may ask.</summary>
public static class CaseFileAuditEndpoint
{
    public static void MapCaseFileAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .WithSummary("Who read a case file, its timeline or a household, when, and why for break-the-glass (?caseId= or ?householdId=).");

    private static async Task<Ok<List<AuditEntry>>> ListAsync(
        Guid? caseId, Guid? householdId, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Check(caseId is null != householdId is null, caseId is null ? "caseId" : "householdId",
            "name one record: caseId or householdId, the record whose reads to list.");
        validator.Check(caseId != Guid.Empty, "caseId", "must not be the empty id.");
        validator.Check(householdId != Guid.Empty, "householdId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var user = CurrentUser.From(principal);

        if (caseId is { } id)
        {
            var current = await session.LoadAsync<Case>(id, cancellationToken) ?? throw new RecordNotFound("Case", id);
            user.EnsureCanSee(current.StationId, "Case", id);
        }
        else
        {
            id = householdId!.Value;
            var household = await session.LoadAsync<Household>(id, cancellationToken) ?? throw new RecordNotFound("Household", id);
            // A household of no station is no station's supervisor's to audit; admins see every audit.
            user.EnsureOwnStation(household);
        }
        var events = await session.Events.FetchStreamAsync(AuditStreamOf(id), token: cancellationToken);
        return TypedResults.Ok(events.Select(e => e.Data switch
            {
                CaseFileRead r => new AuditEntry(r.At, r.ReaderId, r.ReaderRoles, r.ReaderStationId, r.What, r.BreakGlassReason is not null, r.BreakGlassReason),
                HouseholdRead r => new AuditEntry(r.At, r.ReaderId, r.ReaderRoles, r.ReaderStationId, "household", r.BreakGlassReason is not null, r.BreakGlassReason),
                _ => null,
            })
            .OfType<AuditEntry>()
            .ToList());
    }
}
