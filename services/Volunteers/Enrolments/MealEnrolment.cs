
namespace FiveSocieties.Volunteers.Enrolments;

public sealed record SmsContactGrant(Guid ConsentId, DateTimeOffset ValidUntil);

/// <summary>
/// A household enrolled with a canteen's meal offer. Two halves arrive in either order — the
/// accepted referral (days, window, canteen) and the shared details (sealed) — and the household
/// is enrolled once both are here. Kept inline by Marten; GET /enrolments reads it.
/// </summary>
public sealed record MealEnrolment(Guid Id, Guid CaseId, Guid StationId, EnrolmentStatus Status, long Version)
{
    public Guid? ReferralId { get; init; }
    public Guid? NeedId { get; init; }
    public Guid? ProviderId { get; init; }
    public string? ProviderName { get; init; }
    public Position? Canteen { get; init; }
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];
    public TimeOnly WindowFrom { get; init; }
    public TimeOnly WindowTo { get; init; }
    public Guid? ConsentId { get; init; }
    public string? SealedDetails { get; init; }
    public bool LivesAlone { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }
    public EnrolmentEndCause? EndCause { get; init; }
    public IReadOnlyList<Guid> RevokedConsents { get; init; } = [];

    /// <summary>The household's consents to be texted; they outlive an enrolment's end, as consents do in Cases.</summary>
    public IReadOnlyList<SmsContactGrant> SmsContact { get; init; } = [];

    /// <summary>Whether the household may be texted at <paramref name="at"/>.</summary>
    public bool MayText(DateTimeOffset at) => SmsContact.Any(g => g.ValidUntil > at);

    public static Guid IdFor(Guid caseId) => DeterministicId.For("meal-enrolment", caseId);

    public bool HasReferral => ReferralId is not null;
    public bool HasDetails => SealedDetails is not null;

    public bool DeliversOn(DateOnly date, DateTimeOffset at) =>
        Status == EnrolmentStatus.Enrolled && Days.Contains(date.DayOfWeek) && ValidUntil > at;

    public static MealEnrolment Create(MealReferralAccepted e) =>
        new MealEnrolment(IdFor(e.CaseId), e.CaseId, e.StationId, EnrolmentStatus.AwaitingDetails, 1).Apply(e);

    /// <summary>Only a remembered revocation, nothing enrolled: no station, so no list shows it.</summary>
    public static MealEnrolment Create(ConsentRevocationNoted e) =>
        new MealEnrolment(IdFor(e.CaseId), e.CaseId, Guid.Empty, EnrolmentStatus.Ended, 1).Apply(e);

    public MealEnrolment Apply(ConsentRevocationNoted e) => this with
    {
        RevokedConsents = [.. RevokedConsents, e.ConsentId],
        SmsContact = [.. SmsContact.Where(g => g.ConsentId != e.ConsentId)],
    };

    /// <summary>Only a consent to be texted, nothing enrolled yet: no station, so no list shows it.</summary>
    public static MealEnrolment Create(SmsContactGranted e) =>
        new MealEnrolment(IdFor(e.CaseId), e.CaseId, Guid.Empty, EnrolmentStatus.Ended, 1).Apply(e);

    public MealEnrolment Apply(SmsContactGranted e) =>
        this with { SmsContact = [.. SmsContact, new SmsContactGrant(e.ConsentId, e.ValidUntil)] };

    public static MealEnrolment Create(RecipientDetailsShared e) =>
        new MealEnrolment(IdFor(e.CaseId), e.CaseId, e.StationId, EnrolmentStatus.AwaitingReferral, 1).Apply(e);

    public MealEnrolment Apply(MealReferralAccepted e)
    {
        var next = this with
        {
            ReferralId = e.ReferralId, NeedId = e.NeedId, ProviderId = e.ProviderId, ProviderName = e.ProviderName,
            Canteen = e.Canteen, Days = e.Days, WindowFrom = e.WindowFrom, WindowTo = e.WindowTo,
            StationId = e.StationId, EndCause = null,
        };
        return next with { Status = next.HasDetails ? EnrolmentStatus.Enrolled : EnrolmentStatus.AwaitingDetails };
    }

    public MealEnrolment Apply(RecipientDetailsShared e)
    {
        var next = this with
        {
            ConsentId = e.ConsentId, SealedDetails = e.SealedDetails, LivesAlone = e.LivesAlone,
            ValidUntil = e.ValidUntil, StationId = e.StationId,
        };
        return next with { Status = next.HasReferral ? EnrolmentStatus.Enrolled : EnrolmentStatus.AwaitingReferral };
    }

    /// <summary>Back to waiting for a canteen: the referral's schedule goes, the details under the consent stay.</summary>
    public MealEnrolment Apply(MealReferralCancelled e) => this with
    {
        Status = EnrolmentStatus.AwaitingReferral, ReferralId = null, NeedId = null, ProviderId = null, ProviderName = null,
        Canteen = null, Days = [], WindowFrom = default, WindowTo = default,
    };

    /// <summary>Ending forgets the referral and the details: a later referral and consent enrol the household afresh.</summary>
    public MealEnrolment Apply(MealEnrolmentEnded e) => this with
    {
        Status = EnrolmentStatus.Ended, EndCause = e.Cause, ReferralId = null, NeedId = null, ConsentId = null,
        SealedDetails = null, ValidUntil = null,
        RevokedConsents = e.ConsentId is { } revoked ? [.. RevokedConsents, revoked] : RevokedConsents,
    };
}
