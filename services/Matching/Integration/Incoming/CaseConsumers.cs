using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.NeedsMirror;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Integration.Incoming;

public sealed class CaseOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context) =>
        session.DecideAsync<KnownCase>(message.CaseId, state => KnownCaseDecider.Decide(state, message), context.CancellationToken);
}

public sealed class CaseworkerAssignedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseworkerAssigned>(store)
{
    protected override Task HandleAsync(V1.CaseworkerAssigned message, IDocumentSession session, ConsumeContext<V1.CaseworkerAssigned> context) =>
        session.DecideAsync<KnownCase>(message.CaseId, state => KnownCaseDecider.Decide(state, message), context.CancellationToken);
}
