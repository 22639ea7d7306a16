namespace FiveSocieties.Volunteers.Enrolments;

public sealed record EnrolFromReferral(
    Guid CaseId, Guid StationId, Guid ReferralId, Guid NeedId, Guid ProviderId, string ProviderName, Position? Canteen,
    IReadOnlyList<DayOfWeek> Days, TimeOnly WindowFrom, TimeOnly WindowTo, DateTimeOffset At);

public sealed record ShareRecipientDetails(
    Guid CaseId, Guid StationId, Guid ConsentId, string SealedDetails, bool LivesAlone, DateTimeOffset ValidUntil, DateTimeOffset At);

/// <param name="ConsentId">For a revocation: the consent revoked (another consent in force is left alone).</param>
/// <summary>Matching cancelled the referral because the canteen's offer was withdrawn or expired.</summary>
public sealed record CancelMealReferral(Guid CaseId, Guid ReferralId, DateTimeOffset At);

public sealed record EndEnrolment(Guid CaseId, EnrolmentEndCause Cause, Guid? NeedId, Guid? ReferralId, DateTimeOffset At, Guid? ConsentId = null);

public sealed record GrantSmsContact(Guid CaseId, Guid ConsentId, DateTimeOffset ValidUntil, DateTimeOffset At);

public sealed record EndSmsContact(Guid CaseId, Guid ConsentId, DateTimeOffset At);

/// <summary>What may happen to a household's meal enrolment. Messages are facts from elsewhere: never refused, at most ignored.</summary>
public static class EnrolmentDecider
{
    public static IReadOnlyList<object> Decide(MealEnrolment? state, EnrolFromReferral c)
    {
        if (state?.ReferralId == c.ReferralId) return [];
        if (c.Days.Count == 0 || c.WindowTo <= c.WindowFrom) return []; // nothing to plan from; Matching's schedule is required
        return [new MealReferralAccepted(c.CaseId, c.StationId, c.ReferralId, c.NeedId, c.ProviderId, c.ProviderName, c.Canteen,
            c.Days, c.WindowFrom, c.WindowTo, c.At)];
    }

    public static IReadOnlyList<object> Decide(MealEnrolment? state, ShareRecipientDetails c)
    {
        if (c.ValidUntil <= c.At) return []; // consent already lapsed: nothing may be kept
        if (state?.RevokedConsents.Contains(c.ConsentId) == true) return []; // its revocation overtook it
        if (state?.ConsentId == c.ConsentId && state.ValidUntil == c.ValidUntil) return [];
        return [new RecipientDetailsShared(c.CaseId, c.StationId, c.ConsentId, c.SealedDetails, c.LivesAlone, c.ValidUntil, c.At)];
    }

    public static IReadOnlyList<object> Decide(MealEnrolment? state, CancelMealReferral c)
    {
        if (state is null || state.Status == EnrolmentStatus.Ended || state.ReferralId != c.ReferralId) return [];
        // Nothing of the person held without the referral: there is nothing left to keep, so it ends.
        return state.HasDetails
            ? [new MealReferralCancelled(c.CaseId, c.ReferralId, c.At)]
            : [new MealEnrolmentEnded(c.CaseId, EnrolmentEndCause.ReferralCancelled, c.At)];
    }

    public static IReadOnlyList<object> Decide(MealEnrolment? state, EndEnrolment c)
    {
        if (c.ConsentId is { } consent)
        {
            if (state?.RevokedConsents.Contains(consent) == true) return [];
            if (state?.ConsentId != consent || state.Status == EnrolmentStatus.Ended)
                return [new ConsentRevocationNoted(c.CaseId, consent, c.At)];
            return [new MealEnrolmentEnded(c.CaseId, c.Cause, c.At, consent)];
        }
        if (state is null || state.Status == EnrolmentStatus.Ended) return [];
        if (c.NeedId is { } need && state.NeedId != need) return [];          // another need of the same case
        if (c.ReferralId is { } referral && state.ReferralId != referral) return [];
        return [new MealEnrolmentEnded(c.CaseId, c.Cause, c.At)];
    }

    public static IReadOnlyList<object> Decide(MealEnrolment? state, GrantSmsContact c)
    {
        if (c.ValidUntil <= c.At) return [];
        if (state?.RevokedConsents.Contains(c.ConsentId) == true) return []; // its end overtook it on the bus
        if (state?.SmsContact.Any(g => g.ConsentId == c.ConsentId) == true) return [];
        return [new SmsContactGranted(c.CaseId, c.ConsentId, c.ValidUntil, c.At)];
    }

    /// <summary>Remembered like any revoked consent, so a grant that arrives after its end is never kept.</summary>
    public static IReadOnlyList<object> Decide(MealEnrolment? state, EndSmsContact c) =>
        state?.RevokedConsents.Contains(c.ConsentId) == true ? [] : [new ConsentRevocationNoted(c.CaseId, c.ConsentId, c.At)];
}
