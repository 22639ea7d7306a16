using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.NeedsMirror;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Integration.Incoming;

public sealed class NeedRaisedConsumer(IDocumentStore store) : InboxConsumer<V1.NeedRaised>(store)
{
    protected override Task HandleAsync(V1.NeedRaised message, IDocumentSession session, ConsumeContext<V1.NeedRaised> context) =>
        session.DecideAsync<MirroredNeed>(message.NeedId, state => MirroredNeedDecider.Decide(state, message), context.CancellationToken);
}

/// <summary>
/// A withdrawn need leaves matching. (A closed case needs no consumer of its own here: Cases
/// withdraws every live need before it closes the case.)
/// </summary>
public sealed class NeedWithdrawnConsumer(IDocumentStore store) : InboxConsumer<V1.NeedWithdrawn>(store)
{
    protected override Task HandleAsync(V1.NeedWithdrawn message, IDocumentSession session, ConsumeContext<V1.NeedWithdrawn> context) =>
        session.DecideAsync<MirroredNeed>(message.NeedId, state => MirroredNeedDecider.Decide(state, message), context.CancellationToken);
}
