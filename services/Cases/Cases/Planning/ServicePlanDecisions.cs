// Service plan (服务方案): a caseworker proposes, a supervisor adopts it or sends it back.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;

namespace FiveSocieties.Cases.Cases;

public enum VisitFrequency { Weekly, Fortnightly, Monthly, Quarterly }

public enum ServicePlanStatus
{
    /// <summary>Waiting for a supervisor.</summary>
    Proposed,
    /// <summary>Sent back to the caseworker with a reason; a new proposal replaces it.</summary>
    Draft,
    Adopted,
}

public sealed record ServicePlanProposed(
    Guid CaseId, Guid PlanId, IReadOnlyList<string> Goals, IReadOnlyList<string> Interventions, VisitFrequency VisitFrequency,
    DateOnly ReviewDate, Guid ProposedBy, DateTimeOffset ProposedAt);

/// <summary>A supervisor approved the proposal: it is the plan in force from now on, and the case is Active.</summary>
public sealed record ServicePlanAdopted(Guid CaseId, Guid PlanId, Guid ApprovedBy, DateTimeOffset AdoptedAt);

public sealed record ServicePlanSentBack(Guid CaseId, Guid PlanId, string Reason, Guid SentBackBy, DateTimeOffset SentBackAt);

/// <summary>A plan as the case file keeps it: the pending proposal, or the one in force.</summary>
public sealed record ServicePlan(
    Guid Id, IReadOnlyList<string> Goals, IReadOnlyList<string> Interventions, VisitFrequency VisitFrequency, DateOnly ReviewDate,
    ServicePlanStatus Status, Guid ProposedBy, DateTimeOffset ProposedAt,
    string? SentBackReason = null, Guid? ApprovedBy = null, DateTimeOffset? AdoptedAt = null);

public sealed record ProposeServicePlan(
    Guid CaseId, Guid PlanId, IReadOnlyList<string> Goals, IReadOnlyList<string> Interventions, VisitFrequency VisitFrequency,
    DateOnly ReviewDate, Guid ProposedBy, DateTimeOffset At);

public sealed record ApproveServicePlan(Guid CaseId, Guid ApprovedBy, DateTimeOffset At);

public sealed record SendBackServicePlan(Guid CaseId, string Reason, Guid SentBackBy, DateTimeOffset At);

public static partial class CaseDecider
{
    /// <summary>A new proposal replaces a pending or sent-back one; the adopted plan stays in force meanwhile.</summary>
    public static IReadOnlyList<object> Decide(Case state, ProposeServicePlan command, LocalCalendar calendar)
    {
        // A client retrying with its own plan id gets the same proposal, not a second one.
        if (new[] { state.ProposedPlan, state.AdoptedPlan }.FirstOrDefault(p => p?.Id == command.PlanId) is { } existing)
            return SamePlan(existing, command)
                ? []
                : throw new DomainRuleViolation("plan.id-taken", $"Service plan {command.PlanId} already exists with other details.");
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("plan.case-closed", "A closed case takes no service plan; reopen it first.");
        if (command.Goals.Count == 0)
            throw new DomainRuleViolation("plan.no-goals", "A service plan names at least one goal.");
        // The review date is compared with the caseworker's day: the stations' date at the command's time.
        var today = calendar.Today(command.At);
        if (command.ReviewDate <= today)
            throw new DomainRuleViolation("plan.review-date-not-future",
                $"The review date {command.ReviewDate:yyyy-MM-dd} must be after today ({today:yyyy-MM-dd}).");
        return
        [
            new ServicePlanProposed(state.Id, command.PlanId, command.Goals, command.Interventions, command.VisitFrequency,
                command.ReviewDate, command.ProposedBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, ApproveServicePlan command)
    {
        var proposal = PendingProposal(state, "approve");
        return [new ServicePlanAdopted(state.Id, proposal.Id, command.ApprovedBy, command.At)];
    }

    public static IReadOnlyList<object> Decide(Case state, SendBackServicePlan command)
    {
        var proposal = PendingProposal(state, "send back");
        return [new ServicePlanSentBack(state.Id, proposal.Id, command.Reason, command.SentBackBy, command.At)];
    }

    private static bool SamePlan(ServicePlan existing, ProposeServicePlan command) =>
        existing.Goals.SequenceEqual(command.Goals) && existing.Interventions.SequenceEqual(command.Interventions)
        && existing.VisitFrequency == command.VisitFrequency && existing.ReviewDate == command.ReviewDate;

    private static ServicePlan PendingProposal(Case state, string action)
    {
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("plan.case-closed", $"A closed case has no plan to {action}; reopen it first.");
        return state.ProposedPlan is { Status: ServicePlanStatus.Proposed } proposal
            ? proposal
            : throw new DomainRuleViolation("plan.nothing-proposed", $"There is no proposed service plan to {action}.");
    }
}
