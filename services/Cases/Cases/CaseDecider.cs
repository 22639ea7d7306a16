using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public sealed record OpenCase(
    Guid CaseId, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, CaseLocation Location, Guid OpenedBy, DateTimeOffset At);

public sealed record ReassignCaseworker(Guid CaseId, Guid CaseworkerId, string? Reason, Guid ReassignedBy, DateTimeOffset At);

/// <summary>
/// What may happen to a case: pure functions from (state, command) to events, or a
/// <see cref="DomainRuleViolation"/> naming the rule. No I/O, no clock: tests give events, a
/// command, and expect events or a rule.
/// </summary>
public static class CaseDecider
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
                && state.Categories.SequenceEqual(command.Categories.Distinct());
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
                command.Categories.Distinct().ToList(), command.Location, command.OpenedBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, ReassignCaseworker command)
    {
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("case.closed", "A closed case cannot be reassigned; reopen it first.");
        if (state.CaseworkerId == command.CaseworkerId) return [];
        return [new CaseworkerReassigned(state.Id, state.StationId, command.CaseworkerId, state.CaseworkerId, command.Reason, command.ReassignedBy, command.At)];
    }
}
