using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using Marten;

namespace FiveSocieties.Cases.Dashboards;

public static class StationDashboardEndpoint
{
    public static void MapStationDashboard(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/dashboard", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("The station's counts: open cases by client group, category and risk; open needs by category; overdue visits; cases opened and closed in the last 30 days.");

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - StationDashboard.RecentWindow;
        // Closed cases pile up over the years; only those closed within the window can count.
        var cases = await session.CasesOfStationAsync(CurrentUser.From(principal), id,
            c => c.Status != CaseStatus.Closed || c.ClosedAt > since, cancellationToken);
        return TypedResults.Ok(StationDashboard.From(id, cases, now));
    }
}
