using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Volunteers.ServedCases;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.Integration.Incoming;

/// <summary>A case the station serves, for its meal deliveries; by group commit, one case per message.</summary>
public sealed class CaseOpenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseOpened>(store)
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(V1.CaseOpened message) => [message.CaseId];

    protected override Task HandleAsync(V1.CaseOpened message, IDocumentSession session, ConsumeContext<V1.CaseOpened> context) =>
        session.DecideAsync<ServedCase>(message.CaseId, state => ServedCase.Decide(state, message), context.CancellationToken);
}
