// Matching's mirror of the needs it may link resources to: what, how urgent, for whom (group,
// categories, age, ability and risk level — never a name) and where (grid and its approximate
// position). It also keeps the referral loop's memory for the need: the referral in progress and
// every offer already tried, so a need is never proposed the same offer twice.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

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

    // Marten sets Version from the stream after each event: the folds below need not copy it.
    public static MirroredNeed Create(NeedOpenedForMatching e) => new(
        e.NeedId, e.CaseId, e.StationId, e.Category, e.Urgency, e.Recurrence, e.Quantity, e.StartDate, e.ClientGroup,
        e.ClientCategories, e.Location, e.RaisedAt, MirroredNeedStatus.Open, 1, e.CaseworkerId, e.ClientAge, e.AbilityLevel,
        e.RiskLevel, e.ApproximatePosition);

    public MirroredNeed Apply(NeedLeftMatching e) => this with { Status = MirroredNeedStatus.Withdrawn };

    public MirroredNeed Apply(NeedMetForMatching e) => this with { Status = MirroredNeedStatus.Fulfilled };

    public MirroredNeed Apply(NeedReferred e) => this with { ActiveReferralId = e.ReferralId, TriedOffers = [.. TriedOffers, e.OfferId] };

    public MirroredNeed Apply(NeedReferralEnded e) => ActiveReferralId == e.ReferralId ? this with { ActiveReferralId = null } : this;

    /// <summary>
    /// The need after <paramref name="events"/> not yet stored, by the same Create and Apply that
    /// Marten folds the stream with: a decision that continues on what it just decided reads it here.
    /// </summary>
    public static MirroredNeed? After(MirroredNeed? state, IEnumerable<object> events)
    {
        foreach (var e in events)
            state = (e, state) switch
            {
                (NeedOpenedForMatching opened, _) => Create(opened),
                (_, null) => null,
                (NeedLeftMatching left, _) => state.Apply(left),
                (NeedMetForMatching met, _) => state.Apply(met),
                (NeedReferred referred, _) => state.Apply(referred),
                (NeedReferralEnded ended, _) => state.Apply(ended),
                _ => state,
            };
        return state;
    }

    public bool IsOpen => Status == MirroredNeedStatus.Open;
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
