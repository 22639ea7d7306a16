using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Integration.Incoming;

/// <summary>
/// A raised need opens for matching and, in the same commit, is proposed its best fitting offer
/// (flow A). The inbox makes a redelivered NeedRaised change nothing.
/// </summary>
public sealed class NeedRaisedConsumer(IDocumentStore store, ReferralProcess process) : InboxConsumer<V1.NeedRaised>(store)
{
    protected override Task HandleAsync(V1.NeedRaised message, IDocumentSession session, ConsumeContext<V1.NeedRaised> context) =>
        process.OpenNeedAsync(session, message, context.CancellationToken);
}

/// <summary>
/// A withdrawn need leaves matching, and its referral in progress ends with it (ReferralCancelled);
/// a place the referral held goes to the next waiting need.
/// </summary>
public sealed class NeedWithdrawnConsumer(IDocumentStore store, ReferralProcess process)
    : InboxConsumer<V1.NeedWithdrawn>(store)
{
    private Guid? _freed;

    protected override async Task HandleAsync(V1.NeedWithdrawn message, IDocumentSession session, ConsumeContext<V1.NeedWithdrawn> context)
    {
        var cause = message.Cause == V1.NeedWithdrawalCause.CaseClosed ? V1.ReferralCancelCause.CaseClosed : V1.ReferralCancelCause.NeedWithdrawn;
        _freed = await process.TakeNeedOutAsync(session, message.NeedId, state => MirroredNeedDecider.Decide(state, message), cause,
            message.OccurredAt, context.CancellationToken);
    }

    protected override async Task AfterCommitAsync(ConsumeContext<V1.NeedWithdrawn> context)
    {
        if (_freed is { } offerId) await process.ProposeOfferAsync(offerId, context.CancellationToken);
    }
}

/// <summary>A fulfilled need leaves matching.</summary>
public sealed class NeedFulfilledConsumer(IDocumentStore store) : InboxConsumer<V1.NeedFulfilled>(store)
{
    protected override Task HandleAsync(V1.NeedFulfilled message, IDocumentSession session, ConsumeContext<V1.NeedFulfilled> context) =>
        session.DecideAsync<MirroredNeed>(message.NeedId, state => MirroredNeedDecider.Decide(state, message), context.CancellationToken);
}
