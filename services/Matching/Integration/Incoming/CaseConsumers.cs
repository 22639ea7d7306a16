using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Referrals;
using Marten;
using MassTransit;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Integration.Incoming;

/// <summary>What Matching knows of a case, decided from Cases' message about it; by group commit, one case per message.</summary>
public abstract class KnownCaseConsumer<TMessage>(IDocumentStore store) : InboxConsumer<TMessage>(store) where TMessage : class
{
    protected override bool CommitsByGroup => true;
    protected override IEnumerable<Guid> StreamsOf(TMessage message) => [CaseOf(message)];
    protected abstract Guid CaseOf(TMessage message);
    protected abstract IReadOnlyList<object> Decide(KnownCase? state, TMessage message);

    protected override Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context) =>
        session.DecideAsync<KnownCase>(CaseOf(message), state => Decide(state, message), context.CancellationToken);
}

public sealed class CaseOpenedConsumer(IDocumentStore store) : KnownCaseConsumer<V1.CaseOpened>(store)
{
    protected override Guid CaseOf(V1.CaseOpened message) => message.CaseId;
    protected override IReadOnlyList<object> Decide(KnownCase? state, V1.CaseOpened message) => KnownCaseDecider.Decide(state, message);
}

public sealed class CaseworkerAssignedConsumer(IDocumentStore store) : KnownCaseConsumer<V1.CaseworkerAssigned>(store)
{
    protected override Guid CaseOf(V1.CaseworkerAssigned message) => message.CaseId;
    protected override IReadOnlyList<object> Decide(KnownCase? state, V1.CaseworkerAssigned message) => KnownCaseDecider.Decide(state, message);
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

public sealed class CaseReopenedConsumer(IDocumentStore store) : KnownCaseConsumer<V1.CaseReopened>(store)
{
    protected override Guid CaseOf(V1.CaseReopened message) => message.CaseId;
    protected override IReadOnlyList<object> Decide(KnownCase? state, V1.CaseReopened message) => KnownCaseDecider.Decide(state, message);
}
