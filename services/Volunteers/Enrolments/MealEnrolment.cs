using JasperFx.Events;

namespace FiveSocieties.Volunteers.Enrolments;

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

    public static Guid IdFor(Guid caseId) => DeterministicId.For("meal-enrolment", caseId);

    public bool HasReferral => ReferralId is not null;
    public bool HasDetails => SealedDetails is not null;

    public bool DeliversOn(DateOnly date, DateTimeOffset at) =>
        Status == EnrolmentStatus.Enrolled && Days.Contains(date.DayOfWeek) && ValidUntil > at;

    public static MealEnrolment Create(IEvent<MealReferralAccepted> e) =>
        new MealEnrolment(IdFor(e.Data.CaseId), e.Data.CaseId, e.Data.StationId, EnrolmentStatus.AwaitingDetails, e.Version).Apply(e);

    /// <summary>Only a remembered revocation, nothing enrolled: no station, so no list shows it.</summary>
    public static MealEnrolment Create(IEvent<ConsentRevocationNoted> e) =>
        new MealEnrolment(IdFor(e.Data.CaseId), e.Data.CaseId, Guid.Empty, EnrolmentStatus.Ended, e.Version).Apply(e);

    public MealEnrolment Apply(IEvent<ConsentRevocationNoted> e) =>
        this with { RevokedConsents = [.. RevokedConsents, e.Data.ConsentId], Version = e.Version };

    public static MealEnrolment Create(IEvent<RecipientDetailsShared> e) =>
        new MealEnrolment(IdFor(e.Data.CaseId), e.Data.CaseId, e.Data.StationId, EnrolmentStatus.AwaitingReferral, e.Version).Apply(e);

    public MealEnrolment Apply(IEvent<MealReferralAccepted> e)
    {
        var next = this with
        {
            ReferralId = e.Data.ReferralId, NeedId = e.Data.NeedId, ProviderId = e.Data.ProviderId, ProviderName = e.Data.ProviderName,
            Canteen = e.Data.Canteen, Days = e.Data.Days, WindowFrom = e.Data.WindowFrom, WindowTo = e.Data.WindowTo,
            StationId = e.Data.StationId, EndCause = null, Version = e.Version,
        };
        return next with { Status = next.HasDetails ? EnrolmentStatus.Enrolled : EnrolmentStatus.AwaitingDetails };
    }

    public MealEnrolment Apply(IEvent<RecipientDetailsShared> e)
    {
        var next = this with
        {
            ConsentId = e.Data.ConsentId, SealedDetails = e.Data.SealedDetails, LivesAlone = e.Data.LivesAlone,
            ValidUntil = e.Data.ValidUntil, StationId = e.Data.StationId, Version = e.Version,
        };
        return next with { Status = next.HasReferral ? EnrolmentStatus.Enrolled : EnrolmentStatus.AwaitingReferral };
    }

    /// <summary>Back to waiting for a canteen: the referral's schedule goes, the details under the consent stay.</summary>
    public MealEnrolment Apply(IEvent<MealReferralCancelled> e) => this with
    {
        Status = EnrolmentStatus.AwaitingReferral, ReferralId = null, NeedId = null, ProviderId = null, ProviderName = null,
        Canteen = null, Days = [], WindowFrom = default, WindowTo = default, Version = e.Version,
    };

    /// <summary>Ending forgets the referral and the details: a later referral and consent enrol the household afresh.</summary>
    public MealEnrolment Apply(IEvent<MealEnrolmentEnded> e) => this with
    {
        Status = EnrolmentStatus.Ended, EndCause = e.Data.Cause, ReferralId = null, NeedId = null, ConsentId = null,
        SealedDetails = null, ValidUntil = null, Version = e.Version,
        RevokedConsents = e.Data.ConsentId is { } revoked ? [.. RevokedConsents, revoked] : RevokedConsents,
    };
}
