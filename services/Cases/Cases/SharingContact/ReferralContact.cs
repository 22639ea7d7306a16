// A provider serving a client under a referral may see the client's contact only while the
// referral is in progress and a valid Referral consent names that provider. Consents name
// organisations as the caseworker wrote them, so a provider is covered by its id, its registered
// name or its unified social credit code (统一社会信用代码).
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

/// <summary>A referral of the case as Matching last reported it: which provider, at which stage.</summary>
public sealed record CaseReferral(Guid Id, Guid NeedId, Guid ProviderId, ReferralStage Stage)
{
    /// <summary>Accepted and not yet ended: the provider is serving the client.</summary>
    public bool InProgress => Stage == ReferralStage.Accepted;

    public bool Ended => Stage is ReferralStage.Completed or ReferralStage.Declined or ReferralStage.Cancelled or ReferralStage.Expired;
}

/// <summary>A provider registered in Matching, as Cases heard of it: enough to tell which organisation a consent names.</summary>
public sealed record KnownProvider(Guid Id, string Name, string CreditCode, ProviderKind Kind, DateTimeOffset RegisteredAt);

public static class ReferralContact
{
    /// <summary>Whether <paramref name="consent"/> lets the client's contact go to <paramref name="provider"/> at <paramref name="now"/>.</summary>
    public static bool Covers(CaseConsent consent, Guid providerId, KnownProvider? provider, DateTimeOffset now)
    {
        if (consent.Purpose != ConsentPurpose.Referral || consent.Status != ConsentStatus.Valid || consent.ValidUntil <= now) return false;
        return consent.Organisations.Select(o => o.Trim()).Any(o => o.Length > 0 && Names(o, providerId, provider));
    }

    private static bool Names(string organisation, Guid providerId, KnownProvider? provider) =>
        (Guid.TryParse(organisation, out var id) && id == providerId)
        || (provider is not null && (organisation == provider.Name.Trim() || organisation == provider.CreditCode.Trim()));

    /// <summary>
    /// The referral of <paramref name="state"/> whose contact <paramref name="providerId"/> may read, with whether it is
    /// shared now; null when the referral is not that provider's (or not this case's), so nobody learns it exists.
    /// </summary>
    public static (CaseReferral Referral, bool Shared)? For(Case state, Guid referralId, Guid providerId, KnownProvider? provider, DateTimeOffset now)
    {
        var referral = state.Referrals.FirstOrDefault(r => r.Id == referralId);
        if (referral is null || referral.ProviderId != providerId) return null;
        var shared = referral.InProgress && state.Status != CaseStatus.Closed && state.PersonalDataErasedAt is null
            && state.Consents.Any(c => Covers(c, providerId, provider, now));
        return (referral, shared);
    }
}
