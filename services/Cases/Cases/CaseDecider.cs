using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public sealed record OpenCase(
    Guid CaseId, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, CaseLocation Location, Guid OpenedBy, DateTimeOffset At,
    CaseClient? Client = null, GeoPoint? ApproximatePosition = null);

public sealed record ReassignCaseworker(Guid CaseId, Guid CaseworkerId, string? Reason, Guid ReassignedBy, DateTimeOffset At);

public sealed record RaiseNeed(
    Guid CaseId, Guid NeedId, NeedCategory Category, Urgency Urgency, Recurrence Recurrence, int Quantity,
    DateOnly StartDate, string? Note, Guid RaisedBy, DateTimeOffset At,
    int? ClientAge = null, GeoPoint? ApproximatePosition = null);

public sealed record WithdrawNeed(Guid CaseId, Guid NeedId, string Reason, Guid WithdrawnBy, DateTimeOffset At);

public sealed record CloseCase(Guid CaseId, string Reason, Guid ClosedBy, DateTimeOffset At);

public sealed record ReopenCase(Guid CaseId, string Reason, Guid ReopenedBy, DateTimeOffset At);

/// <summary>
/// What may happen to a case: pure functions from (state, command) to events, or a
/// <see cref="DomainRuleViolation"/> naming the rule. No I/O, no clock: tests give events, a
/// command, and expect events or a rule.
/// </summary>
public static partial class CaseDecider
{
    // Categories that only make sense for one client group (一老一小).
    private static readonly IReadOnlySet<ClientCategory> ElderlyOnly = new HashSet<ClientCategory>
    {
        ClientCategory.EmptyNest, ClientCategory.LivesAlone, ClientCategory.AdvancedAge, ClientCategory.WidowedOrChildless,
    };
    private static readonly IReadOnlySet<ClientCategory> ChildOnly = new HashSet<ClientCategory>
    {
        ClientCategory.ChildInDifficulty, ClientCategory.LeftBehind,
    };

    public static IReadOnlyList<object> Decide(Case? state, OpenCase command)
    {
        if (state is not null)
        {
            // A client retrying with its own id gets the same case, not a second one.
            var same = state.StationId == command.StationId && state.CaseworkerId == command.CaseworkerId
                && state.ClientGroup == command.ClientGroup && state.Location == command.Location
                && state.Categories.SequenceEqual(command.Categories.Distinct()) && state.Client == command.Client;
            return same ? [] : throw new DomainRuleViolation("case.id-taken", $"Case {command.CaseId} already exists with other details.");
        }

        var misplaced = command.Categories
            .Where(c => command.ClientGroup == ClientGroup.Child ? ElderlyOnly.Contains(c) : ChildOnly.Contains(c))
            .ToList();
        if (misplaced.Count > 0)
            throw new DomainRuleViolation("case.category-not-for-group",
                $"{string.Join(", ", misplaced)} cannot describe a client in group {command.ClientGroup}.");

        return
        [
            new CaseOpened(command.CaseId, command.StationId, command.CaseworkerId, command.ClientGroup,
                command.Categories.Distinct().ToList(), command.Location, command.OpenedBy, command.At, command.Client,
                command.ApproximatePosition),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, ReassignCaseworker command)
    {
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("case.closed", "A closed case cannot be reassigned; reopen it first.");
        if (state.CaseworkerId == command.CaseworkerId) return [];
        return [new CaseworkerReassigned(state.Id, state.StationId, command.CaseworkerId, state.CaseworkerId, command.Reason, command.ReassignedBy, command.At)];
    }

    public static IReadOnlyList<object> Decide(Case state, RaiseNeed command)
    {
        if (state.Needs.FirstOrDefault(n => n.Id == command.NeedId) is { } existing)
        {
            var same = existing.Category == command.Category && existing.Urgency == command.Urgency
                && existing.Recurrence == command.Recurrence && existing.Quantity == command.Quantity
                && existing.StartDate == command.StartDate;
            return same ? [] : throw new DomainRuleViolation("need.id-taken", $"Need {command.NeedId} already exists with other details.");
        }
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("need.case-closed", "A need cannot be raised on a closed case; reopen it first.");
        if (state.Needs.Any(n => n.IsLive && n.Category == command.Category))
            throw new DomainRuleViolation("need.already-open",
                $"The case already has an open {command.Category} need; change or withdraw it instead of raising another.");
        return
        [
            new NeedRaised(state.Id, command.NeedId, command.Category, command.Urgency, command.Recurrence, command.Quantity,
                command.StartDate, command.Note, state.StationId, state.CaseworkerId, state.ClientGroup, state.Categories,
                state.Location, command.RaisedBy, command.At, command.ClientAge, state.AbilityLevel, state.RiskLevel,
                command.ApproximatePosition),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, WithdrawNeed command)
    {
        var need = state.Needs.FirstOrDefault(n => n.Id == command.NeedId) ?? throw new RecordNotFound("Need", command.NeedId);
        return need.Status switch
        {
            NeedStatus.Withdrawn => [],
            NeedStatus.Fulfilled => throw new DomainRuleViolation("need.fulfilled", "A fulfilled need cannot be withdrawn."),
            _ => [new NeedWithdrawn(state.Id, need.Id, NeedWithdrawalCause.WithdrawnByCaseworker, command.Reason, command.WithdrawnBy, command.At)],
        };
    }

    /// <summary>Closing a case withdraws its live needs first, so matching stops looking for them.</summary>
    public static IReadOnlyList<object> Decide(Case state, CloseCase command)
    {
        if (state.Status == CaseStatus.Closed) return [];
        return
        [
            .. state.Needs.Where(n => n.IsLive)
                .Select(n => new NeedWithdrawn(state.Id, n.Id, NeedWithdrawalCause.CaseClosed, command.Reason, command.ClosedBy, command.At)),
            .. RevokeOnClose(state, command.At),
            new CaseClosed(state.Id, state.StationId, command.Reason, command.ClosedBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, ReopenCase command) =>
        state.Status == CaseStatus.Closed
            ? [new CaseReopened(state.Id, command.Reason, command.ReopenedBy, command.At, state.StationId, state.CaseworkerId), .. ShareOnReopen(state, command.At)]
            : throw new DomainRuleViolation("case.not-closed", "Only a closed case can be reopened.");
}
