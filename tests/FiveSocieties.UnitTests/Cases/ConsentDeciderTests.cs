using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Case = FiveSocieties.Cases.Cases.Case;
using CaseOpened = FiveSocieties.Cases.Cases.CaseOpened;
using CaseClosed = FiveSocieties.Cases.Cases.CaseClosed;
using CaseReopened = FiveSocieties.Cases.Cases.CaseReopened;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Consent (知情同意): given/when/then over the case's events; delivery details shared only while a consent is valid.</summary>
public sealed class ConsentDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly CaseClient Client = new(Guid.NewGuid(), Guid.NewGuid());
    private static readonly Guid ConsentId = Guid.NewGuid();

    private static object[] OpenedFor(ClientGroup group, CaseClient? client = null) =>
        [.. CaseDecider.Decide(null, new OpenCase(CaseId, Station, Caseworker, group,
            group == ClientGroup.Elderly ? [ClientCategory.LivesAlone] : [ClientCategory.LeftBehind],
            new CaseLocation("广灵县", "壶泉镇", "HQ-1"), Caseworker, Now.AddDays(-30), client ?? Client))];

    private static GiveConsent Give(ConsentPurpose purpose = ConsentPurpose.DeliveryDetailsSharing, ConsentGiver by = ConsentGiver.Client,
        DateTimeOffset? until = null, Guid? id = null) =>
        new(CaseId, id ?? ConsentId, by, by == ConsentGiver.Guardian ? "s1:sealed-name" : null, purpose, ["大同市长者食堂"],
            until ?? Now.AddMonths(6), "s1:sealed-notes", Caseworker, Now);

    private static object[] Shared() => With(OpenedFor(ClientGroup.Elderly), s => CaseDecider.Decide(s, Give()));

    [Fact]
    public void A_delivery_sharing_consent_shares_the_delivery_details_until_it_ends()
    {
        var events = CaseDecider.Decide(Given(OpenedFor(ClientGroup.Elderly)), Give());
        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<ConsentGiven>().Purpose.ShouldBe(ConsentPurpose.DeliveryDetailsSharing);
        var shared = events[1].ShouldBeOfType<DeliveryDetailsShared>();
        shared.Client.ShouldBe(Client);
        shared.LivesAlone.ShouldBeTrue();
        shared.ValidUntil.ShouldBe(Now.AddMonths(6));
        shared.SealedDietaryNotes.ShouldBe("s1:sealed-notes");
    }

    [Fact]
    public void A_consent_for_another_purpose_shares_nothing()
    {
        var events = CaseDecider.Decide(Given(OpenedFor(ClientGroup.Elderly)), Give(ConsentPurpose.Referral));
        events.ShouldHaveSingleItem().ShouldBeOfType<ConsentGiven>();
    }

    [Fact]
    public void A_consent_to_be_texted_is_announced_when_given_and_when_it_ends()
    {
        var events = CaseDecider.Decide(Given(OpenedFor(ClientGroup.Elderly)), Give(ConsentPurpose.SmsContact));
        events.Count.ShouldBe(2);
        var allowed = events[1].ShouldBeOfType<SmsContactAllowed>();
        (allowed.ConsentId, allowed.ValidUntil).ShouldBe((ConsentId, Now.AddMonths(6)));

        var given = With(OpenedFor(ClientGroup.Elderly), s => CaseDecider.Decide(s, Give(ConsentPurpose.SmsContact)));
        var withdrawn = CaseDecider.Decide(Given(given), new WithdrawConsent(CaseId, ConsentId, null, Caseworker, Now.AddDays(1)));
        withdrawn.OfType<SmsContactEnded>().ShouldHaveSingleItem().Cause.ShouldBe(SharingRevocationCause.ConsentWithdrawn);
        withdrawn.OfType<DeliveryDetailsRevoked>().ShouldBeEmpty();
        CaseDecider.Decide(Given(given), new ExpireConsents(CaseId, Now.AddMonths(7)))
            .OfType<SmsContactEnded>().ShouldHaveSingleItem().Cause.ShouldBe(SharingRevocationCause.ConsentExpired);

        var referral = With(OpenedFor(ClientGroup.Elderly), s => CaseDecider.Decide(s, Give(ConsentPurpose.Referral)));
        CaseDecider.Decide(Given(referral), new WithdrawConsent(CaseId, ConsentId, null, Caseworker, Now.AddDays(1)))
            .OfType<SmsContactEnded>().ShouldBeEmpty();
    }

    [Fact]
    public void A_child_s_consent_is_given_by_a_guardian()
    {
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(OpenedFor(ClientGroup.Child)), Give()))
            .Code.ShouldBe("consent.guardian-required");
        CaseDecider.Decide(Given(OpenedFor(ClientGroup.Child)), Give(by: ConsentGiver.Guardian))
            .First().ShouldBeOfType<ConsentGiven>().GivenBy.ShouldBe(ConsentGiver.Guardian);
    }

    [Fact]
    public void Sharing_needs_a_registered_client_and_a_future_end()
    {
        var unregistered = CaseDecider.Decide(null, new OpenCase(CaseId, Station, Caseworker, ClientGroup.Elderly, [],
            new CaseLocation("广灵县", "壶泉镇", "HQ-1"), Caseworker, Now.AddDays(-1)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given([.. unregistered]), Give())).Code.ShouldBe("consent.client-not-registered");
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given([.. unregistered]), Give(ConsentPurpose.SmsContact)))
            .Code.ShouldBe("consent.client-not-registered", "a household with no phone on record cannot be texted");
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(OpenedFor(ClientGroup.Elderly)), Give(until: Now)))
            .Code.ShouldBe("consent.already-expired");
    }

    [Fact]
    public void No_consent_on_a_closed_case()
    {
        var closed = With(OpenedFor(ClientGroup.Elderly), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(closed), Give())).Code.ShouldBe("consent.case-closed");
    }

    [Fact]
    public void A_repeat_with_the_same_id_changes_nothing_and_other_details_are_refused()
    {
        CaseDecider.Decide(Given(Shared()), Give()).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Shared()), Give(ConsentPurpose.Reporting)))
            .Code.ShouldBe("consent.id-taken");
    }

    [Fact]
    public void Withdrawing_a_sharing_consent_revokes_the_details_once()
    {
        var withdraw = new WithdrawConsent(CaseId, ConsentId, "changed her mind", Caseworker, Now.AddDays(1));
        var events = CaseDecider.Decide(Given(Shared()), withdraw);
        events[0].ShouldBeOfType<ConsentWithdrawn>();
        events[1].ShouldBeOfType<DeliveryDetailsRevoked>().Cause.ShouldBe(SharingRevocationCause.ConsentWithdrawn);
        CaseDecider.Decide(Given([.. Shared(), .. events]), withdraw).ShouldBeEmpty();
        Should.Throw<RecordNotFound>(() => CaseDecider.Decide(Given(Shared()), withdraw with { ConsentId = Guid.NewGuid() }));
    }

    [Fact]
    public void A_consent_expires_when_its_time_is_up_and_not_before()
    {
        var state = Given(Shared());
        state.NextConsentExpiry.ShouldBe(Now.AddMonths(6));
        CaseDecider.Decide(state, new ExpireConsents(CaseId, Now.AddMonths(6).AddSeconds(-1))).ShouldBeEmpty();
        var events = CaseDecider.Decide(state, new ExpireConsents(CaseId, Now.AddMonths(6)));
        events[0].ShouldBeOfType<ConsentExpired>();
        events[1].ShouldBeOfType<DeliveryDetailsRevoked>().Cause.ShouldBe(SharingRevocationCause.ConsentExpired);
        var after = Given([.. Shared(), .. events]);
        after.NextConsentExpiry.ShouldBeNull();
        CaseDecider.Decide(after, new ExpireConsents(CaseId, Now.AddYears(1))).ShouldBeEmpty();
    }

    [Fact]
    public void Closing_the_case_revokes_the_sharing_and_reopening_shares_again_while_the_consent_is_valid()
    {
        var closing = CaseDecider.Decide(Given(Shared()), new CloseCase(CaseId, "in hospital", Caseworker, Now.AddDays(2)));
        closing.OfType<DeliveryDetailsRevoked>().ShouldHaveSingleItem().Cause.ShouldBe(SharingRevocationCause.CaseClosed);
        closing.Last().ShouldBeOfType<CaseClosed>();
        var closed = (object[])[.. Shared(), .. closing];

        var reopening = CaseDecider.Decide(Given(closed), new ReopenCase(CaseId, "back home", Caseworker, Now.AddDays(9)));
        reopening[0].ShouldBeOfType<CaseReopened>().StationId.ShouldBe(Station);
        reopening[1].ShouldBeOfType<DeliveryDetailsShared>().ConsentId.ShouldBe(ConsentId);

        CaseDecider.Decide(Given(closed), new ReopenCase(CaseId, "back home", Caseworker, Now.AddYears(1)))
            .ShouldHaveSingleItem().ShouldBeOfType<CaseReopened>("the consent ran out meanwhile");
    }

    [Fact]
    public void A_new_sharing_consent_takes_over_from_the_one_before()
    {
        var second = Guid.NewGuid();
        var history = With(Shared(), s => CaseDecider.Decide(s, Give(id: second, until: Now.AddYears(1))));
        var state = Given(history);
        state.Consents.Single(c => c.Id == second).Shared.ShouldBeTrue();
        state.Consents.Single(c => c.Id == ConsentId).Shared.ShouldBeFalse();
        // Withdrawing the older one revokes nothing: Volunteers holds the details under the newer one.
        CaseDecider.Decide(state, new WithdrawConsent(CaseId, ConsentId, null, Caseworker, Now)).ShouldHaveSingleItem()
            .ShouldBeOfType<ConsentWithdrawn>();
    }
}
