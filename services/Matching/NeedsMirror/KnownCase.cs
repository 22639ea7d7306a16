// Matching's mirror of the cases it may match needs for: where the client lives (to apply
// service areas and distance), who the caseworker is (to tell them), and the eligibility facts
// (group, categories). No personal data: Cases never sends it here.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.NeedsMirror;

public sealed record CaseBecameKnown(
    Guid CaseId, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, GridLocation Location);

public sealed record KnownCaseCaseworkerChanged(Guid CaseId, Guid CaseworkerId);

public sealed record KnownCaseClosed(Guid CaseId, DateTimeOffset At);

public sealed record KnownCaseReopened(Guid CaseId, Guid CaseworkerId, DateTimeOffset At);

public sealed record KnownCase(
    Guid Id, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, GridLocation Location, long Version, bool Closed = false)
{
    // Marten sets Version from the stream after each event: the folds below need not copy it.
    public static KnownCase Create(CaseBecameKnown e) => new(e.CaseId, e.StationId, e.CaseworkerId, e.ClientGroup, e.Categories, e.Location, 1);

    public KnownCase Apply(KnownCaseCaseworkerChanged e) => this with { CaseworkerId = e.CaseworkerId };

    public KnownCase Apply(KnownCaseClosed e) => this with { Closed = true };

    public KnownCase Apply(KnownCaseReopened e) => this with { Closed = false, CaseworkerId = e.CaseworkerId };
}

public static class KnownCaseDecider
{
    public static IReadOnlyList<object> Decide(KnownCase? state, CaseOpened opened) =>
        state is not null
            ? []
            : [new CaseBecameKnown(opened.CaseId, opened.StationId, opened.CaseworkerId, opened.ClientGroup, opened.Categories, opened.Location)];

    public static IReadOnlyList<object> Decide(KnownCase? state, CaseworkerAssigned assigned)
    {
        // Published in parallel, a reassignment can overtake the opening: retry until it arrives.
        if (state is null) throw new NotYetKnown($"case {assigned.CaseId} is not known here yet");
        return state.CaseworkerId == assigned.CaseworkerId ? [] : [new KnownCaseCaseworkerChanged(assigned.CaseId, assigned.CaseworkerId)];
    }

    public static IReadOnlyList<object> Decide(KnownCase? state, CaseClosed closed)
    {
        if (state is null) throw new NotYetKnown($"case {closed.CaseId} is not known here yet");
        return state.Closed ? [] : [new KnownCaseClosed(closed.CaseId, closed.OccurredAt)];
    }

    public static IReadOnlyList<object> Decide(KnownCase? state, CaseReopened reopened)
    {
        if (state is null) throw new NotYetKnown($"case {reopened.CaseId} is not known here yet");
        // A reopening that overtook its closing: wait for the closing, so the order holds.
        if (!state.Closed) throw new NotYetKnown($"case {reopened.CaseId} is not closed here yet");
        return [new KnownCaseReopened(reopened.CaseId, reopened.CaseworkerId, reopened.OccurredAt)];
    }
}
