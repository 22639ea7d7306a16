using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;
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

/// <summary>
/// A closed case and its open needs leave matching together, and their referrals in progress end
/// (ReferralCancelled, cause CaseClosed). (Cases withdraws every live need before closing;
/// whichever message arrives first takes the need out, the other changes nothing.)
/// </summary>
public sealed class CaseClosedConsumer(IDocumentStore store, ReferralProcess process)
    : InboxConsumer<V1.CaseClosed>(store)
{
    private readonly List<Guid> _freed = [];

    protected override async Task HandleAsync(V1.CaseClosed message, IDocumentSession session, ConsumeContext<V1.CaseClosed> context)
    {
        var ct = context.CancellationToken;
        _freed.Clear();
        await session.DecideAsync<KnownCase>(message.CaseId, state => KnownCaseDecider.Decide(state, message), ct);
        var open = await session.Query<MirroredNeed>()
            .Where(n => n.CaseId == message.CaseId && n.Status == MirroredNeedStatus.Open)
            .Select(n => n.Id).ToListAsync(ct);
        foreach (var needId in open)
        {
            if (await process.TakeNeedOutAsync(session, needId, state => state is null ? [] : MirroredNeedDecider.Decide(state, message),
                    V1.ReferralCancelCause.CaseClosed, message.OccurredAt, ct) is { } offerId)
                _freed.Add(offerId);
        }
    }

    protected override async Task AfterCommitAsync(ConsumeContext<V1.CaseClosed> context)
    {
        foreach (var offerId in _freed.Distinct()) await process.ProposeOfferAsync(offerId, context.CancellationToken);
    }
}

public sealed class CaseReopenedConsumer(IDocumentStore store) : InboxConsumer<V1.CaseReopened>(store)
{
    protected override Task HandleAsync(V1.CaseReopened message, IDocumentSession session, ConsumeContext<V1.CaseReopened> context) =>
        session.DecideAsync<KnownCase>(message.CaseId, state => KnownCaseDecider.Decide(state, message), context.CancellationToken);
}
