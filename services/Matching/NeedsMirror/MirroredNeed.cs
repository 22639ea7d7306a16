// Matching's mirror of the needs it may link resources to: what, how urgent, for whom (group
// and categories, never a name) and where (grid). The case's current caseworker is looked up in
// KnownCase, so a reassignment needs no change here.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Matching.NeedsMirror;

public enum MirroredNeedStatus { Open, Withdrawn }

public sealed record NeedOpenedForMatching(
    Guid NeedId, Guid CaseId, Guid StationId, NeedCategory Category, Urgency Urgency, Recurrence Recurrence,
    int Quantity, DateOnly StartDate, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> ClientCategories,
    GridLocation Location, DateTimeOffset RaisedAt);

public sealed record NeedLeftMatching(Guid NeedId, NeedWithdrawalCause Cause, DateTimeOffset At);

public sealed record MirroredNeed(
    Guid Id, Guid CaseId, Guid StationId, NeedCategory Category, Urgency Urgency, Recurrence Recurrence, int Quantity,
    DateOnly StartDate, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> ClientCategories, GridLocation Location,
    DateTimeOffset RaisedAt, MirroredNeedStatus Status, long Version)
{
    public static MirroredNeed Create(IEvent<NeedOpenedForMatching> e) => new(
        e.Data.NeedId, e.Data.CaseId, e.Data.StationId, e.Data.Category, e.Data.Urgency, e.Data.Recurrence, e.Data.Quantity,
        e.Data.StartDate, e.Data.ClientGroup, e.Data.ClientCategories, e.Data.Location, e.Data.RaisedAt, MirroredNeedStatus.Open,
        e.Version);

    public MirroredNeed Apply(IEvent<NeedLeftMatching> e) => this with { Status = MirroredNeedStatus.Withdrawn, Version = e.Version };
}

public static class MirroredNeedDecider
{
    public static IReadOnlyList<object> Decide(MirroredNeed? state, NeedRaised raised) =>
        state is not null
            ? []
            : [new NeedOpenedForMatching(raised.NeedId, raised.CaseId, raised.StationId, raised.Category, raised.Urgency,
                raised.Recurrence, raised.Quantity, raised.StartDate, raised.ClientGroup, raised.ClientCategories,
                raised.Location, raised.OccurredAt)];

    public static IReadOnlyList<object> Decide(MirroredNeed? state, NeedWithdrawn withdrawn)
    {
        // Consumed concurrently, a withdrawal can overtake the raising of its need: retry until it arrives.
        if (state is null) throw new NotYetKnown($"need {withdrawn.NeedId} is not known here yet");
        return state.Status == MirroredNeedStatus.Open ? [new NeedLeftMatching(withdrawn.NeedId, withdrawn.Cause, withdrawn.OccurredAt)] : [];
    }
}
