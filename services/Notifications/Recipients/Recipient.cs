// The recipient directory (DESIGN §3 Notifications): who can be told what, built from the
// other services' events. One stream per person.
using JasperFx.Events;

namespace FiveSocieties.Notifications.Recipients;

public enum RecipientKind { Caseworker }

public sealed record CaseworkerEnteredDirectory(Guid UserId, Guid StationId);
public sealed record CaseAssignedToCaseworker(Guid UserId, Guid CaseId);
public sealed record CaseLeftCaseworker(Guid UserId, Guid CaseId);

public sealed record Recipient(Guid Id, RecipientKind Kind, Guid StationId, IReadOnlyList<Guid> CaseIds, long Version)
{
    public static Recipient Create(IEvent<CaseworkerEnteredDirectory> entered) =>
        new(entered.Data.UserId, RecipientKind.Caseworker, entered.Data.StationId, [], entered.Version);

    public Recipient Apply(IEvent<CaseAssignedToCaseworker> assigned) =>
        this with { CaseIds = [.. CaseIds, assigned.Data.CaseId], Version = assigned.Version };

    public Recipient Apply(IEvent<CaseLeftCaseworker> left) =>
        this with { CaseIds = CaseIds.Where(c => c != left.Data.CaseId).ToList(), Version = left.Version };
}

public sealed record AssignCase(Guid CaseworkerId, Guid StationId, Guid CaseId);
public sealed record UnassignCase(Guid CaseworkerId, Guid CaseId);

/// <summary>Keeps each caseworker's entry and caseload in the directory; repeats change nothing.</summary>
public static class RecipientDecider
{
    public static IReadOnlyList<object> Decide(Recipient? state, AssignCase command)
    {
        if (state?.CaseIds.Contains(command.CaseId) == true) return [];
        var assigned = new CaseAssignedToCaseworker(command.CaseworkerId, command.CaseId);
        return state is null
            ? [new CaseworkerEnteredDirectory(command.CaseworkerId, command.StationId), assigned]
            : [assigned];
    }

    public static IReadOnlyList<object> Decide(Recipient? state, UnassignCase command) =>
        state?.CaseIds.Contains(command.CaseId) == true ? [new CaseLeftCaseworker(command.CaseworkerId, command.CaseId)] : [];
}
