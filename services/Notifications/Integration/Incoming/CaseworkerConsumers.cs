using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Recipients;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Integration.Incoming;

/// <summary>A new case puts its caseworker (and the case) into the recipient directory.</summary>
public sealed class CaseOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context) =>
        session.DecideAsync<Recipient>(message.CaseworkerId,
            state => RecipientDecider.Decide(state, new AssignCase(message.CaseworkerId, message.StationId, message.CaseId)),
            context.CancellationToken);
}

/// <summary>A reassignment moves the case from the previous caseworker's entry to the new one's.</summary>
public sealed class CaseworkerAssignedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseworkerAssigned>(store)
{
    protected override async Task HandleAsync(V1.CaseworkerAssigned message, IDocumentSession session, ConsumeContext<V1.CaseworkerAssigned> context)
    {
        if (message.PreviousCaseworkerId is { } previous)
            await session.DecideAsync<Recipient>(previous,
                state => RecipientDecider.Decide(state, new UnassignCase(previous, message.CaseId)), context.CancellationToken);
        await session.DecideAsync<Recipient>(message.CaseworkerId,
            state => RecipientDecider.Decide(state, new AssignCase(message.CaseworkerId, message.StationId, message.CaseId)),
            context.CancellationToken);
    }
}
