// What the matching engine knows of a need and of an offer: the facts its rules and score read,
// and nothing else (no names, no addresses). Built from the mirrored need and the offer document.
using FiveSocieties.Contracts.V1;

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
