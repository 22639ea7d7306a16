using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.Planning;

/// <summary>POST /cases/{id}/service-plan. The client may send its own planId: a repeat then changes nothing.</summary>
public sealed record ProposeServicePlanRequest(
    Guid? PlanId, IReadOnlyList<string>? Goals, IReadOnlyList<string>? Interventions, [property: Required] VisitFrequency? VisitFrequency, [property: Required] DateOnly? ReviewDate);

public sealed record SendBackServicePlanRequest([property: Required] string? Reason);

public sealed record ServicePlanWritten(Guid CaseId, Guid PlanId, long Version);

public static class ServicePlanEndpoints
{
    public static void MapServicePlans(this IEndpointRouteBuilder api)
    {
        api.MapPost("/cases/{id:guid}/service-plan", ProposeAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<ServicePlanWritten>(StatusCodes.Status200OK)
            .Produces<ServicePlanWritten>(StatusCodes.Status201Created)
            .WithSummary("Propose a service plan (服务方案); it replaces a pending proposal and waits for a supervisor.");
        api.MapPost("/cases/{id:guid}/service-plan/approve", ApproveAsync)
            .RequireRoles(Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Adopt the proposed plan: it is in force from now on and the case becomes Active.");
        api.MapPost("/cases/{id:guid}/service-plan/send-back", SendBackAsync)
            .RequireRoles(Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Send the proposed plan back to the caseworker with a reason.");
    }

    private static Task<IResult> ProposeAsync(
        Guid id, ProposeServicePlanRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        LocalCalendar calendar, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        // An empty goal list is a domain rule (422 plan.no-goals); here only the shape of each item.
        var goals = TextItems(validator, request.Goals, "goals");
        var interventions = TextItems(validator, request.Interventions, "interventions");
        var frequency = validator.Required(request.VisitFrequency, "visitFrequency");
        var reviewDate = validator.Required(request.ReviewDate, "reviewDate");
        validator.Check(request.PlanId != Guid.Empty, "planId", "must not be the empty id.");
        validator.ThrowIfInvalid();

        var planId = request.PlanId ?? Guid.CreateVersion7();
        var command = new ProposeServicePlan(id, planId, goals, interventions, frequency, reviewDate, user.Id, clock.GetUtcNow());
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id), state => CaseDecider.Decide(state, command, calendar),
            decided => decided.Decision.CreatedUnlessRepeated($"/cases/{id}#service-plan", new ServicePlanWritten(id, planId, decided.Decision.Version)),
            cancellationToken);
    }

    private static Task<IResult> ApproveAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new ApproveServicePlan(id, user.Id, clock.GetUtcNow())), decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }

    private static Task<IResult> SendBackAsync(
        Guid id, SendBackServicePlanRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var reason = validator.RequiredText(request.Reason, "reason", 1000);
        validator.ThrowIfInvalid();
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new SendBackServicePlan(id, reason, user.Id, clock.GetUtcNow())), decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }

    private static IReadOnlyList<string> TextItems(RequestValidator validator, IReadOnlyList<string>? items, string field)
    {
        var list = validator.List(items, field, maxCount: 20);
        return list.Select((item, i) => validator.RequiredText(item, $"{field}[{i}]", 500)).ToList();
    }
}
