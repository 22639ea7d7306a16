// Consent (知情同意): who agreed (the client, or a guardian for a child), to what, with which
// organisations, until when. Delivery details reach volunteers only while a DeliveryDetailsSharing
// consent is valid: its events here drive DeliveryRecipientShared / DeliveryRecipientRevoked. The
// household is texted (the evening-before meal question) only while an SmsContact consent is valid.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public enum ConsentGiver { Client, Guardian }

public enum ConsentPurpose { DeliveryDetailsSharing, Referral, Reporting, SmsContact }

public enum ConsentStatus { Valid, Withdrawn, Expired }

/// <summary>The guardian's name and the client's dietary notes are sealed with the client's key (BuildingBlocks/Privacy).</summary>
public sealed record ConsentGiven(
    Guid CaseId, Guid ConsentId, ConsentGiver GivenBy, string? SealedGuardianName, ConsentPurpose Purpose,
    IReadOnlyList<string> Organisations, DateTimeOffset ValidUntil, string? SealedDietaryNotes, Guid RecordedBy, DateTimeOffset GivenAt);

public sealed record ConsentWithdrawn(Guid CaseId, Guid ConsentId, string? Reason, Guid WithdrawnBy, DateTimeOffset WithdrawnAt);

public sealed record ConsentExpired(Guid CaseId, Guid ConsentId, DateTimeOffset ValidUntil, DateTimeOffset NoticedAt);

/// <summary>The client's delivery details go to Volunteers (the relay opens the sealed fields as it publishes).</summary>
public sealed record DeliveryDetailsShared(
    Guid CaseId, Guid ConsentId, Guid StationId, CaseClient Client, CaseLocation Location, bool LivesAlone,
    DateTimeOffset ValidUntil, string? SealedDietaryNotes, DateTimeOffset SharedAt);

public sealed record DeliveryDetailsRevoked(Guid CaseId, Guid ConsentId, SharingRevocationCause Cause, DateTimeOffset RevokedAt);

/// <summary>Volunteers may text the phone it holds for the household (HouseholdSmsContactAllowed) until <see cref="ValidUntil"/>.</summary>
public sealed record SmsContactAllowed(Guid CaseId, Guid ConsentId, DateTimeOffset ValidUntil, DateTimeOffset AllowedAt);

/// <summary>The SmsContact consent ended: no more texts under it (HouseholdSmsContactEnded).</summary>
public sealed record SmsContactEnded(Guid CaseId, Guid ConsentId, SharingRevocationCause Cause, DateTimeOffset EndedAt);

public sealed record CaseConsent(
    Guid Id, ConsentGiver GivenBy, ConsentPurpose Purpose, IReadOnlyList<string> Organisations, DateTimeOffset GivenAt,
    DateTimeOffset ValidUntil, ConsentStatus Status, string? SealedDietaryNotes)
{
    /// <summary>Whether Volunteers currently holds the delivery details under this consent.</summary>
    public bool Shared { get; init; }
}

public sealed record GiveConsent(
    Guid CaseId, Guid ConsentId, ConsentGiver GivenBy, string? SealedGuardianName, ConsentPurpose Purpose,
    IReadOnlyList<string> Organisations, DateTimeOffset ValidUntil, string? SealedDietaryNotes, Guid RecordedBy, DateTimeOffset At);

public sealed record WithdrawConsent(Guid CaseId, Guid ConsentId, string? Reason, Guid WithdrawnBy, DateTimeOffset At);

/// <summary>Time passed: consents whose validity ended by <see cref="At"/> expire.</summary>
public sealed record ExpireConsents(Guid CaseId, DateTimeOffset At);

public static partial class CaseDecider
{
    public static IReadOnlyList<object> Decide(Case state, GiveConsent command)
    {
        if (state.Consents.FirstOrDefault(c => c.Id == command.ConsentId) is { } existing)
            return existing.Purpose == command.Purpose && existing.ValidUntil == command.ValidUntil && existing.GivenBy == command.GivenBy
                ? []
                : throw new DomainRuleViolation("consent.id-taken", $"Consent {command.ConsentId} already exists with other details.");
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("consent.case-closed", "Consent cannot be recorded on a closed case; reopen it first.");
        if (state.ClientGroup == ClientGroup.Child && command.GivenBy != ConsentGiver.Guardian)
            throw new DomainRuleViolation("consent.guardian-required", "For a child, consent is given by a guardian.");
        if (command.GivenBy == ConsentGiver.Guardian && command.SealedGuardianName is null)
            throw new DomainRuleViolation("consent.guardian-unnamed", "A guardian's consent names the guardian.");
        if (command.ValidUntil <= command.At)
            throw new DomainRuleViolation("consent.already-expired", "The consent's validity must end in the future.");
        if (command.Purpose is ConsentPurpose.DeliveryDetailsSharing or ConsentPurpose.SmsContact && state.Client is null)
            throw new DomainRuleViolation("consent.client-not-registered",
                "Delivery details can be shared, and the household texted, only for a client registered as a household member.");

        var given = new ConsentGiven(state.Id, command.ConsentId, command.GivenBy, command.SealedGuardianName, command.Purpose,
            command.Organisations, command.ValidUntil, command.SealedDietaryNotes, command.RecordedBy, command.At);
        return command.Purpose switch
        {
            ConsentPurpose.DeliveryDetailsSharing => [given, Share(state, command.ConsentId, command.ValidUntil, command.SealedDietaryNotes, command.At)],
            ConsentPurpose.SmsContact => [given, new SmsContactAllowed(state.Id, command.ConsentId, command.ValidUntil, command.At)],
            _ => [given],
        };
    }

    public static IReadOnlyList<object> Decide(Case state, WithdrawConsent command)
    {
        var consent = state.Consents.FirstOrDefault(c => c.Id == command.ConsentId) ?? throw new RecordNotFound("Consent", command.ConsentId);
        if (consent.Status != ConsentStatus.Valid) return [];
        return
        [
            new ConsentWithdrawn(state.Id, consent.Id, command.Reason, command.WithdrawnBy, command.At),
            .. Revoke(state, [consent], SharingRevocationCause.ConsentWithdrawn, command.At),
            .. EndSmsContact(state, [consent], SharingRevocationCause.ConsentWithdrawn, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Case state, ExpireConsents command)
    {
        var ended = state.Consents.Where(c => c.Status == ConsentStatus.Valid && c.ValidUntil <= command.At).ToList();
        return
        [
            .. ended.Select(c => new ConsentExpired(state.Id, c.Id, c.ValidUntil, command.At)),
            .. Revoke(state, ended, SharingRevocationCause.ConsentExpired, command.At),
            .. EndSmsContact(state, ended, SharingRevocationCause.ConsentExpired, command.At),
        ];
    }

    private static DeliveryDetailsShared Share(Case state, Guid consentId, DateTimeOffset validUntil, string? sealedDietaryNotes, DateTimeOffset at) =>
        new(state.Id, consentId, state.StationId, state.Client!, state.Location, state.Categories.Contains(ClientCategory.LivesAlone),
            validUntil, sealedDietaryNotes, at);

    private static IEnumerable<object> Revoke(Case state, IEnumerable<CaseConsent> consents, SharingRevocationCause cause, DateTimeOffset at) =>
        consents.Where(c => c.Shared).Select(c => new DeliveryDetailsRevoked(state.Id, c.Id, cause, at));

    /// <summary>Every valid SmsContact consent was announced when given, so each one that ends is announced too.</summary>
    private static IEnumerable<object> EndSmsContact(Case state, IEnumerable<CaseConsent> consents, SharingRevocationCause cause, DateTimeOffset at) =>
        consents.Where(c => c.Purpose == ConsentPurpose.SmsContact && c.Status == ConsentStatus.Valid)
            .Select(c => new SmsContactEnded(state.Id, c.Id, cause, at));

    /// <summary>Closing a case stops the sharing (the consents themselves stay as they are, for a reopening).</summary>
    private static IEnumerable<object> RevokeOnClose(Case state, DateTimeOffset at) =>
        Revoke(state, state.Consents, SharingRevocationCause.CaseClosed, at);

    /// <summary>Reopening shares again under the sharing consents still valid.</summary>
    private static IEnumerable<object> ShareOnReopen(Case state, DateTimeOffset at) =>
        state.Consents.Where(c => c.Status == ConsentStatus.Valid && c.Purpose == ConsentPurpose.DeliveryDetailsSharing && c.ValidUntil > at)
            .OrderByDescending(c => c.GivenAt).Take(1)
            .Select(c => Share(state, c.Id, c.ValidUntil, c.SealedDietaryNotes, at));
}
