using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Recipients;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>
/// A new case: its caseworker answers for it (and enters the directory with their first case). By
/// group commit, as are the roster's consumers: each decides on the case's and the caseworker's streams.
/// </summary>
public sealed class CaseOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.CaseOpened message) => [message.CaseId, message.CaseworkerId];

    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context) =>
        CaseResponsibilities.AssignAsync(session, new AssignCase(message.CaseworkerId, message.StationId, message.CaseId), context.CancellationToken);
}

/// <summary>A reassignment: the new caseworker answers for the case from now on.</summary>
public sealed class CaseworkerAssignedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseworkerAssigned>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.CaseworkerAssigned message) => [message.CaseId, message.CaseworkerId];

    protected override Task HandleAsync(V1.CaseworkerAssigned message, IDocumentSession session, ConsumeContext<V1.CaseworkerAssigned> context) =>
        CaseResponsibilities.AssignAsync(session, new AssignCase(message.CaseworkerId, message.StationId, message.CaseId), context.CancellationToken);
}

public static class CaseResponsibilities
{
    public static async Task AssignAsync(IDocumentSession session, AssignCase command, CancellationToken cancellationToken)
    {
        await session.DecideAsync<CaseResponsibility>(command.CaseId, state => RecipientDecider.Decide(state, command), cancellationToken);
        await session.DecideAsync<Recipient>(command.CaseworkerId, state => RecipientDecider.Decide(state, command), cancellationToken);
    }
}
