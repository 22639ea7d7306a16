using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.OverdueVisits;

/// <summary>A case whose home visit is overdue now, and by how many whole days.</summary>
public sealed record OverdueVisit(
    Guid CaseId, Guid CaseworkerId, ClientGroup ClientGroup, RiskLevel? RiskLevel, DateTimeOffset? LastVisitAt,
    DateTimeOffset NextVisitDue, int DaysOverdue)
{
    /// <summary>
    /// Computed from the clock on every read, never stored: a case becomes overdue by time
    /// passing, with no event to project. Longest overdue first. Whole days elapsed, so a visit
    /// overdue by hours shows 0 days yet is listed.
    /// </summary>
    public static IReadOnlyList<OverdueVisit> Of(IEnumerable<Case> cases, DateTimeOffset now) =>
        cases.Where(c => VisitSchedule.IsOverdue(c, now))
            .Select(c =>
            {
                var due = VisitSchedule.NextVisitDue(c)!.Value;
                return new OverdueVisit(c.Id, c.CaseworkerId, c.ClientGroup, c.RiskLevel, c.LastVisitAt, due, (int)(now - due).TotalDays);
            })
            .OrderBy(v => v.NextVisitDue)
            .ThenBy(v => v.CaseId)
            .ToList();
}

public static class OverdueVisitsEndpoint
{
    public static void MapOverdueVisits(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/overdue-visits", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("The station's cases whose home visit is overdue now, longest overdue first, with caseworker and days overdue.");

    private static async Task<Ok<IReadOnlyList<OverdueVisit>>> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Only an Active case has a plan in force, so only it can have a visit due; the indexed due
        // date leaves the station's other cases in the table.
        var now = clock.GetUtcNow();
        var cases = await session.CasesOfStationAsync(CurrentUser.From(principal), id,
            c => c.Status == CaseStatus.Active && c.NextVisitDueAt < now, cancellationToken);
        return TypedResults.Ok(OverdueVisit.Of(cases, now));
    }
}
