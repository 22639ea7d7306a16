// Integration events published by the Matching service (DESIGN §5): providers, offers and the
// referral loop. Organisations' names are public facts; no client's personal data travels here.
namespace FiveSocieties.Contracts.V1;

public enum ProviderKind { Charity, SocialOrganization, Canteen, Enterprise, CommunityCommittee }

public sealed record ProviderRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProviderId,
    string Name,
    ProviderKind Kind,
    string CreditCode,
    ServiceArea Area);

/// <summary>A provider offered a resource: what, for whom, where, how many per period, when.</summary>
public sealed record ResourceOffered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OfferId,
    Guid ProviderId,
    string ProviderName,
    NeedCategory Category,
    string Title,
    int Capacity,
    ServiceArea Area,
    Eligibility Eligibility,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    GeoPoint? ServicePoint,
    WeeklySchedule? Schedule);

public enum OfferEndCause { WithdrawnByProvider, Expired }

public sealed record ResourceWithdrawn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OfferId,
    Guid ProviderId,
    OfferEndCause Cause);

/// <summary>The capacity of an offer changed (free capacity is what matching may still allocate).</summary>
public sealed record ResourceCapacityChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OfferId,
    Guid ProviderId,
    int Capacity,
    int Allocated);

public sealed record MatchedNeed(Guid NeedId, Guid CaseId, double Score);

/// <summary>One caseworker and their open needs that a new resource fits.</summary>
public sealed record MatchedCaseworker(Guid CaseworkerId, Guid StationId, IReadOnlyList<MatchedNeed> Needs);

/// <summary>Flow C: a new resource fits these open needs; each caseworker hears once about their cases.</summary>
public sealed record ResourceMatchedToNeeds(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OfferId,
    Guid ProviderId,
    string ProviderName,
    string Title,
    NeedCategory Category,
    IReadOnlyList<MatchedCaseworker> Caseworkers);

/// <summary>Which step of the loop a referral was at (FHIR Task: requested → accepted → in-progress → completed).</summary>
public enum ReferralStep { AwaitingApproval, AwaitingAcceptance, Accepted, InService }

public enum ReferralDeclinedBy { Caseworker, Provider }

public enum ReferralDeclineReason { NoCapacity, NotEligible, OutOfArea, ClientRefused, NotSuitable, Other }

public enum ReferralOutcome { Fulfilled, PartiallyFulfilled, NotFulfilled }

/// <summary>Matching proposes the best-fitting offer for a need; the caseworker is asked to approve.</summary>
public sealed record ReferralProposed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    string ProviderName,
    string OfferTitle,
    NeedCategory Category,
    double Score,
    IReadOnlyList<string> Reasons,
    DateTimeOffset RespondBy);

public sealed record ReferralApproved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    string OfferTitle,
    NeedCategory Category,
    DateTimeOffset RespondBy);

/// <summary>
/// The provider accepted: one unit of the offer's capacity is reserved for the need. For a meal
/// offer it carries where to pick up and the delivery days and window, so Volunteers can enrol.
/// </summary>
public sealed record ReferralAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    string ProviderName,
    NeedCategory Category,
    GeoPoint? ServicePoint,
    WeeklySchedule? Schedule);

public sealed record ReferralDeclined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    ReferralDeclinedBy DeclinedBy,
    ReferralDeclineReason Reason);

public sealed record ReferralExpired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    ReferralStep ExpiredAt);

/// <summary>Why a referral in progress was cancelled: its need or its offer went away (FHIR Task status "cancelled").</summary>
public enum ReferralCancelCause { NeedWithdrawn, CaseClosed, OfferWithdrawn, OfferExpired }

/// <summary>
/// A referral in progress ended because its need was withdrawn (or its case closed) or its offer
/// was withdrawn or expired. A place it held is free again; after a withdrawn offer the need is
/// proposed its next candidate.
/// </summary>
public sealed record ReferralCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    ReferralStep CancelledAt,
    ReferralCancelCause Cause);

public sealed record ReferralCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid OfferId,
    Guid ProviderId,
    ReferralOutcome Outcome);
