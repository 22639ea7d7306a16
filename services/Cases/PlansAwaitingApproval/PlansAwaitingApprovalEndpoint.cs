// 待审批服务方案: the supervisor's queue of service plans the station's caseworkers proposed.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;

namespace FiveSocieties.Cases.PlansAwaitingApproval;

/// <summary>
/// A proposed plan waiting for a supervisor, with the case only by group, categories and risk. The
/// plan's goals are free text about the client: they are read on the case file, whose read is audited.
/// </summary>
public sealed record PlanAwaitingApproval(
    Guid CaseId, Guid CaseworkerId, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> Categories, RiskLevel? RiskLevel,
    string Grid, Guid PlanId, int Goals, VisitFrequency VisitFrequency, DateOnly ReviewDate, Guid ProposedBy, DateTimeOffset ProposedAt);

public static class PlansAwaitingApprovalEndpoint
{
    public static void MapPlansAwaitingApproval(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/plans-awaiting-approval", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Admin)
            .Produces<ListPage<PlanAwaitingApproval>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The station's service plans proposed and not yet approved or sent back, longest waiting first, paged. No plan text.");

    private static async Task<IResult> ListAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();
        CurrentUser.From(principal).EnsureCanSee(id, "Station", id);

        // A closed case keeps its last proposal but takes no decision on it (plan.case-closed).
        var waiting = session.Query<Case>()
            .Where(c => c.StationId == id && c.Status != CaseStatus.Closed
                && c.ProposedPlan != null && c.ProposedPlan.Status == ServicePlanStatus.Proposed);
        return TypedResults.Ok(await waiting.ToListPageAsync(
            q => q.OrderBy(c => c.ProposedPlan!.ProposedAt).ThenBy(c => c.Id), paging,
            c => new PlanAwaitingApproval(c.Id, c.CaseworkerId, c.ClientGroup, c.Categories, c.RiskLevel, c.Location.Grid,
                c.ProposedPlan!.Id, c.ProposedPlan.Goals.Count, c.ProposedPlan.VisitFrequency, c.ProposedPlan.ReviewDate,
                c.ProposedPlan.ProposedBy, c.ProposedPlan.ProposedAt), cancellationToken));
    }
}
