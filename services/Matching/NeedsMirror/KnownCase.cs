// Matching's mirror of the cases it may match needs for: where the client lives (to apply
// service areas and distance), who the caseworker is (to tell them), and the eligibility facts
// (group, categories). No personal data: Cases never sends it here.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Matching.NeedsMirror;

public sealed record CaseBecameKnown(
    Guid CaseId, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, GridLocation Location);

public sealed record KnownCaseCaseworkerChanged(Guid CaseId, Guid CaseworkerId);

public sealed record KnownCase(
    Guid Id, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories, GridLocation Location, long Version)
{
    public static KnownCase Create(IEvent<CaseBecameKnown> e) => new(
        e.Data.CaseId, e.Data.StationId, e.Data.CaseworkerId, e.Data.ClientGroup, e.Data.Categories, e.Data.Location, e.Version);

    public KnownCase Apply(IEvent<KnownCaseCaseworkerChanged> e) => this with { CaseworkerId = e.Data.CaseworkerId, Version = e.Version };
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
}
