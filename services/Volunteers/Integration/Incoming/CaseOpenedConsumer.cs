using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Integration.Incoming;

public sealed class CaseOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context) =>
        session.DecideAsync<ServedCase>(message.CaseId, state => ServedCase.Decide(state, message), context.CancellationToken);
}
