using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Which provider a Referral consent covers, and when the provider of a referral may see the client's contact.</summary>
public sealed class ReferralContactTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid NeedId = Guid.NewGuid();
    private static readonly Guid ReferralId = Guid.NewGuid();
    private static readonly Guid ConsentId = Guid.NewGuid();
    private static readonly Guid ProviderId = Guid.NewGuid();
    private static readonly KnownProvider Provider =
        new(ProviderId, "阳光心理咨询中心", "52140000MJY123456X", ProviderKind.SocialOrganization, Now.AddDays(-60));

    private static CaseConsent Consent(params string[] organisations) =>
        new(ConsentId, ConsentGiver.Client, ConsentPurpose.Referral, organisations, Now.AddDays(-1), Now.AddDays(30), ConsentStatus.Valid, null);

    [Theory]
    [InlineData("阳光心理咨询中心")]
    [InlineData("  阳光心理咨询中心 ")]
    [InlineData("52140000MJY123456X")]
    public void A_referral_consent_covers_the_provider_it_names_by_name_or_credit_code(string organisation) =>
        ReferralContact.Covers(Consent("壶泉镇敬老院", organisation), ProviderId, Provider, Now).ShouldBeTrue();

    [Fact]
    public void A_referral_consent_covers_the_provider_it_names_by_id_even_before_Cases_heard_of_it() =>
        ReferralContact.Covers(Consent(ProviderId.ToString()), ProviderId, null, Now).ShouldBeTrue();

    [Theory]
    [InlineData("阳光心理")]
    [InlineData("阳光心理咨询中心（分部）")]
    [InlineData("52140000mjy123456x")]
    [InlineData("")]
    public void Anything_but_an_exact_name_credit_code_or_id_covers_nobody(string organisation) =>
        ReferralContact.Covers(Consent(organisation), ProviderId, Provider, Now).ShouldBeFalse();

    [Fact]
    public void A_consent_for_another_purpose_withdrawn_or_run_out_covers_nobody()
    {
        var consent = Consent(Provider.Name);
        ReferralContact.Covers(consent with { Purpose = ConsentPurpose.DeliveryDetailsSharing }, ProviderId, Provider, Now).ShouldBeFalse();
        ReferralContact.Covers(consent with { Status = ConsentStatus.Withdrawn }, ProviderId, Provider, Now).ShouldBeFalse();
        ReferralContact.Covers(consent with { Status = ConsentStatus.Expired }, ProviderId, Provider, Now).ShouldBeFalse();
        // Run out before the expiry sweep noticed.
        ReferralContact.Covers(consent, ProviderId, Provider, consent.ValidUntil).ShouldBeFalse();
    }

    private static object[] WithConsentAnd(params ReferralStage[] stages)
    {
        var history = With(Opened(CaseId), s => CaseDecider.Decide(s, new RaiseNeed(CaseId, NeedId, NeedCategory.Counselling,
            Urgency.Routine, Recurrence.Weekly, 1, Today, null, Caseworker, Now)));
        history = With(history, s => CaseDecider.Decide(s, new GiveConsent(CaseId, ConsentId, ConsentGiver.Client, null,
            ConsentPurpose.Referral, [Provider.Name], Now.AddDays(30), null, Caseworker, Now)));
        foreach (var stage in stages)
            history = With(history, s => CaseDecider.Decide(s, new ReportReferral(
                new ReferralReported(CaseId, NeedId, ReferralId, stage, ProviderId, Guid.NewGuid(), Now))));
        return history;
    }

    private static bool? SharedAfter(object[] history, Guid? provider = null) =>
        ReferralContact.For(Given(history), ReferralId, provider ?? ProviderId, Provider, Now)?.Shared;

    [Fact]
    public void The_contact_is_shared_only_while_the_referral_is_accepted_and_not_ended()
    {
        SharedAfter(WithConsentAnd(ReferralStage.Proposed, ReferralStage.Approved)).ShouldBe(false);
        SharedAfter(WithConsentAnd(ReferralStage.Proposed, ReferralStage.Approved, ReferralStage.Accepted)).ShouldBe(true);
        foreach (var end in new[] { ReferralStage.Completed, ReferralStage.Declined, ReferralStage.Cancelled, ReferralStage.Expired })
            SharedAfter(WithConsentAnd(ReferralStage.Accepted, end)).ShouldBe(false);
    }

    [Fact]
    public void A_late_copy_of_an_earlier_step_does_not_bring_an_ended_referral_back() =>
        Given(WithConsentAnd(ReferralStage.Accepted, ReferralStage.Completed, ReferralStage.Accepted, ReferralStage.Approved))
            .Referrals.ShouldHaveSingleItem().Stage.ShouldBe(ReferralStage.Completed);

    [Fact]
    public void Withdrawing_the_consent_hides_the_contact()
    {
        var withdrawn = With(WithConsentAnd(ReferralStage.Accepted),
            s => CaseDecider.Decide(s, new WithdrawConsent(CaseId, ConsentId, null, Caseworker, Now)));
        SharedAfter(withdrawn).ShouldBe(false);
    }

    [Fact]
    public void Another_provider_or_an_unknown_referral_learns_nothing()
    {
        SharedAfter(WithConsentAnd(ReferralStage.Accepted), Guid.NewGuid()).ShouldBeNull();
        ReferralContact.For(Given(WithConsentAnd(ReferralStage.Accepted)), Guid.NewGuid(), ProviderId, Provider, Now).ShouldBeNull();
    }
}
