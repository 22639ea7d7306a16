namespace FiveSocieties.Volunteers.Enrolments;

public enum EnrolmentStatus { AwaitingDetails, AwaitingReferral, Enrolled, Ended }

public enum EnrolmentEndCause { ConsentWithdrawn, ConsentExpired, NeedWithdrawn, CaseClosed, ClientDataErased, ReferralCompleted, ReferralCancelled }

/// <summary>The canteen (长者食堂) accepted the household for meals: on these days, in this window (local time), picked up here.</summary>
public sealed record MealReferralAccepted(
    Guid CaseId, Guid StationId, Guid ReferralId, Guid NeedId, Guid ProviderId, string ProviderName, Position? Canteen,
    IReadOnlyList<DayOfWeek> Days, TimeOnly WindowFrom, TimeOnly WindowTo, DateTimeOffset AcceptedAt);

/// <summary>With consent, the recipient's details: sealed (see <see cref="RecipientVault"/>).</summary>
public sealed record RecipientDetailsShared(
    Guid CaseId, Guid StationId, Guid ConsentId, string SealedDetails, bool LivesAlone, DateTimeOffset ValidUntil, DateTimeOffset SharedAt);

/// <summary>
/// The canteen's referral was cancelled because its offer went away (withdrawn or expired): no
/// more meals from it, but the household's need is open again and Matching proposes the next
/// canteen, so details held under a still-valid consent stay until that referral arrives.
/// </summary>
public sealed record MealReferralCancelled(Guid CaseId, Guid ReferralId, DateTimeOffset CancelledAt);

/// <summary>The household is no longer enrolled; the details held for it are deleted with it.</summary>
public sealed record MealEnrolmentEnded(Guid CaseId, EnrolmentEndCause Cause, DateTimeOffset EndedAt, Guid? ConsentId = null);

/// <summary>
/// A consent other than the one in force (or before its details arrived) was revoked: remembered,
/// so details shared under it later — the revocation overtook them on the bus — are never kept.
/// </summary>
public sealed record ConsentRevocationNoted(Guid CaseId, Guid ConsentId, DateTimeOffset NotedAt);

/// <summary>
/// Cases says the household consented to be texted about its meals (the evening-before question)
/// until <see cref="ValidUntil"/>. Kept apart from the details' consent: either may end first.
/// </summary>
public sealed record SmsContactGranted(Guid CaseId, Guid ConsentId, DateTimeOffset ValidUntil, DateTimeOffset GrantedAt);
