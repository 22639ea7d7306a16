// Matching's mirror of the needs it may link resources to: what, how urgent, for whom (group,
// categories, age, ability and risk level — never a name) and where (grid and its approximate
// position). It also keeps the referral loop's memory for the need: the referral in progress and
// every offer already tried, so a need is never proposed the same offer twice.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using JasperFx.Events;

namespace FiveSocieties.Matching.NeedsMirror;

public enum MirroredNeedStatus { Open, Withdrawn, Fulfilled }

public sealed record NeedOpenedForMatching(
    Guid NeedId, Guid CaseId, Guid StationId, NeedCategory Category, Urgency Urgency, Recurrence Recurrence,
    int Quantity, DateOnly StartDate, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> ClientCategories,
    GridLocation Location, DateTimeOffset RaisedAt, Guid? CaseworkerId = null, int? ClientAge = null, int? AbilityLevel = null,
    RiskLevel? RiskLevel = null, GeoPoint? ApproximatePosition = null);

public sealed record NeedLeftMatching(Guid NeedId, NeedWithdrawalCause Cause, DateTimeOffset At);

public sealed record NeedMetForMatching(Guid NeedId, Guid? ReferralId, DateTimeOffset At);

/// <summary>A referral was proposed for the need: it is "in the loop" until the referral ends.</summary>
public sealed record NeedReferred(Guid NeedId, Guid ReferralId, Guid OfferId, DateTimeOffset At);

/// <summary>The need's referral was declined or expired: the need is back in matching.</summary>
public sealed record NeedReferralEnded(Guid NeedId, Guid ReferralId, DateTimeOffset At);

public sealed record MirroredNeed(
    Guid Id, Guid CaseId, Guid StationId, NeedCategory Category, Urgency Urgency, Recurrence Recurrence, int Quantity,
    DateOnly StartDate, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> ClientCategories, GridLocation Location,
    DateTimeOffset RaisedAt, MirroredNeedStatus Status, long Version, Guid? CaseworkerId = null, int? ClientAge = null,
    int? AbilityLevel = null, RiskLevel? RiskLevel = null, GeoPoint? ApproximatePosition = null, Guid? ActiveReferralId = null)
{
    public IReadOnlyList<Guid> TriedOffers { get; init; } = [];

    public static MirroredNeed Create(IEvent<NeedOpenedForMatching> e) => From(e.Data, e.Version);

    public static MirroredNeed From(NeedOpenedForMatching e, long version) => new(
        e.NeedId, e.CaseId, e.StationId, e.Category, e.Urgency, e.Recurrence, e.Quantity, e.StartDate, e.ClientGroup,
        e.ClientCategories, e.Location, e.RaisedAt, MirroredNeedStatus.Open, version, e.CaseworkerId, e.ClientAge, e.AbilityLevel,
        e.RiskLevel, e.ApproximatePosition);

    public MirroredNeed Apply(IEvent<NeedLeftMatching> e) => this with { Status = MirroredNeedStatus.Withdrawn, Version = e.Version };

    public MirroredNeed Apply(IEvent<NeedMetForMatching> e) => this with { Status = MirroredNeedStatus.Fulfilled, Version = e.Version };

    public MirroredNeed Apply(IEvent<NeedReferred> e) => Referred(e.Data) with { Version = e.Version };

    public MirroredNeed Apply(IEvent<NeedReferralEnded> e) => Ended(e.Data) with { Version = e.Version };

    public MirroredNeed Referred(NeedReferred e) => this with { ActiveReferralId = e.ReferralId, TriedOffers = [.. TriedOffers, e.OfferId] };

    public MirroredNeed Ended(NeedReferralEnded e) => ActiveReferralId == e.ReferralId ? this with { ActiveReferralId = null } : this;

    public bool IsOpen => Status == MirroredNeedStatus.Open;

    public NeedProfile Profile() => new(Id, CaseId, StationId, CaseworkerId ?? Guid.Empty, Category, Urgency, StartDate, ClientGroup,
        ClientCategories, Location, RaisedAt, ClientAge, AbilityLevel, RiskLevel, ApproximatePosition);
}

public static class MirroredNeedDecider
{
    public static IReadOnlyList<object> Decide(MirroredNeed? state, NeedRaised raised) =>
        state is not null
            ? []
            : [new NeedOpenedForMatching(raised.NeedId, raised.CaseId, raised.StationId, raised.Category, raised.Urgency,
                raised.Recurrence, raised.Quantity, raised.StartDate, raised.ClientGroup, raised.ClientCategories,
                raised.Location, raised.OccurredAt, raised.CaseworkerId, raised.ClientAge, raised.AbilityLevel, raised.RiskLevel,
                raised.ApproximatePosition)];

    public static IReadOnlyList<object> Decide(MirroredNeed? state, NeedWithdrawn withdrawn)
    {
        // Consumed concurrently, a withdrawal can overtake the raising of its need: retry until it arrives.
        if (state is null) throw new NotYetKnown($"need {withdrawn.NeedId} is not known here yet");
        return state.IsOpen ? [new NeedLeftMatching(withdrawn.NeedId, withdrawn.Cause, withdrawn.OccurredAt)] : [];
    }

    public static IReadOnlyList<object> Decide(MirroredNeed? state, NeedFulfilled fulfilled)
    {
        if (state is null) throw new NotYetKnown($"need {fulfilled.NeedId} is not known here yet");
        return state.IsOpen ? [new NeedMetForMatching(fulfilled.NeedId, fulfilled.ReferralId, fulfilled.OccurredAt)] : [];
    }

    /// <summary>A closed case takes its needs out of matching (Cases withdraws them too; whichever comes first wins).</summary>
    public static IReadOnlyList<object> Decide(MirroredNeed state, CaseClosed closed) =>
        state.IsOpen ? [new NeedLeftMatching(state.Id, NeedWithdrawalCause.CaseClosed, closed.OccurredAt)] : [];
}
