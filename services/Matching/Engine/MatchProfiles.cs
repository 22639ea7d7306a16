// What the matching engine knows of a need and of an offer: the facts its rules and score read,
// and nothing else (no names, no addresses). Built from the mirrored need and the offer document.
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;

namespace FiveSocieties.Matching.Engine;

public sealed record NeedProfile(
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    NeedCategory Category,
    Urgency Urgency,
    DateOnly StartDate,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> ClientCategories,
    GridLocation Location,
    DateTimeOffset RaisedAt,
    int? ClientAge = null,
    int? AbilityLevel = null,
    RiskLevel? RiskLevel = null,
    GeoPoint? Position = null);

public sealed record OfferProfile(
    Guid OfferId,
    Guid ProviderId,
    string ProviderName,
    string Title,
    NeedCategory Category,
    int Capacity,
    int Allocated,
    ServiceArea Area,
    Eligibility Eligibility,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    GeoPoint? ServicePoint,
    WeeklySchedule? Schedule = null)
{
    public int FreeCapacity => Math.Max(0, Capacity - Allocated);
}

/// <summary>An offer that fits a need, how well, and why.</summary>
public sealed record Candidate(Guid NeedId, Guid OfferId, Guid ProviderId, double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>An offer (or need) that a hard rule excluded, and which rule.</summary>
public sealed record Exclusion(Guid NeedId, Guid OfferId, string Rule, string OfferTitle, MatchReason Reason);

/// <summary>What the engine reads of the needs mirror and of an offer; the aggregates know nothing of the engine.</summary>
public static class MatchProfiles
{
    public static NeedProfile Profile(this MirroredNeed need) => new(need.Id, need.CaseId, need.StationId, need.CaseworkerId ?? Guid.Empty,
        need.Category, need.Urgency, need.StartDate, need.ClientGroup, need.ClientCategories, need.Location, need.RaisedAt, need.ClientAge,
        need.AbilityLevel, need.RiskLevel, need.ApproximatePosition);

    public static OfferProfile Profile(this Offer offer) => new(offer.Id, offer.ProviderId, offer.ProviderName, offer.Title, offer.Category,
        offer.Capacity, offer.Allocated, offer.Area, offer.Eligibility, offer.ValidFrom, offer.ValidUntil, offer.ServicePoint, offer.Schedule);
}
