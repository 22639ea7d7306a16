using FiveSocieties.Volunteers;
using FiveSocieties.Volunteers.Enrolments;

namespace FiveSocieties.UnitTests.Volunteers;

public sealed class EnrolmentDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid(), Station = Guid.NewGuid(), Referral = Guid.NewGuid(), Need = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly EnrolFromReferral Referred = new(CaseId, Station, Referral, Need, Guid.NewGuid(), "平城区长者食堂",
        new Position(40.09, 113.29), [DayOfWeek.Monday, DayOfWeek.Thursday], new TimeOnly(11, 0), new TimeOnly(12, 30), Now);

    private static readonly ShareRecipientDetails Shared = new(CaseId, Station, Guid.NewGuid(), "sealed", LivesAlone: true, Now.AddYears(1), Now);

    [Fact]
    public void The_household_is_enrolled_once_both_halves_arrived_in_either_order()
    {
        var referralFirst = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)]);
        var detailsFirst = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Shared), .. EnrolmentDecider.Decide(null, Referred)]);
        referralFirst.Status.ShouldBe(EnrolmentStatus.Enrolled);
        detailsFirst.Status.ShouldBe(EnrolmentStatus.Enrolled);
        History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred)]).Status.ShouldBe(EnrolmentStatus.AwaitingDetails);
        detailsFirst.DeliversOn(new DateOnly(2026, 11, 30), Now).ShouldBeTrue(); // a Monday
        detailsFirst.DeliversOn(new DateOnly(2026, 12, 1), Now).ShouldBeFalse(); // a Tuesday
        EnrolmentDecider.Decide(detailsFirst, Referred).ShouldBeEmpty();
        EnrolmentDecider.Decide(detailsFirst, Shared).ShouldBeEmpty();
    }

    [Fact]
    public void Details_whose_consent_has_lapsed_are_not_kept()
    {
        EnrolmentDecider.Decide(null, Shared with { ValidUntil = Now.AddMinutes(-1) }).ShouldBeEmpty();
    }

    [Fact]
    public void Ending_forgets_the_details_and_a_withdrawn_other_need_changes_nothing()
    {
        var enrolled = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)]);
        EnrolmentDecider.Decide(enrolled, new EndEnrolment(CaseId, EnrolmentEndCause.NeedWithdrawn, Guid.NewGuid(), null, Now)).ShouldBeEmpty();
        var ended = EnrolmentDecider.Decide(enrolled, new EndEnrolment(CaseId, EnrolmentEndCause.NeedWithdrawn, Need, null, Now)).ShouldHaveSingleItem();
        var state = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared), ended]);
        state.Status.ShouldBe(EnrolmentStatus.Ended);
        state.SealedDetails.ShouldBeNull();
        state.ConsentId.ShouldBeNull();
        EnrolmentDecider.Decide(state, new EndEnrolment(CaseId, EnrolmentEndCause.CaseClosed, null, null, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_cancelled_referral_stops_this_canteen_but_keeps_the_consented_details_for_the_next_one()
    {
        object[] enrolledHistory = [.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)];
        var enrolled = History.Given<MealEnrolment>(enrolledHistory);
        EnrolmentDecider.Decide(enrolled, new CancelMealReferral(CaseId, Guid.NewGuid(), Now)).ShouldBeEmpty(); // another referral

        var cancelled = EnrolmentDecider.Decide(enrolled, new CancelMealReferral(CaseId, Referral, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<MealReferralCancelled>();
        var waiting = History.Given<MealEnrolment>([.. enrolledHistory, cancelled]);
        waiting.Status.ShouldBe(EnrolmentStatus.AwaitingReferral);
        waiting.SealedDetails.ShouldBe("sealed");
        waiting.DeliversOn(new DateOnly(2026, 11, 30), Now).ShouldBeFalse();
        EnrolmentDecider.Decide(waiting, new CancelMealReferral(CaseId, Referral, Now)).ShouldBeEmpty(); // redelivered

        // The next canteen's accepted referral enrols the household again with the details it has.
        var next = Referred with { ReferralId = Guid.NewGuid(), Days = [DayOfWeek.Tuesday] };
        var again = History.Given<MealEnrolment>([.. enrolledHistory, cancelled, .. EnrolmentDecider.Decide(waiting, next)]);
        again.Status.ShouldBe(EnrolmentStatus.Enrolled);
        again.DeliversOn(new DateOnly(2026, 12, 1), Now).ShouldBeTrue(); // a Tuesday
    }

    [Fact]
    public void A_cancelled_referral_before_any_details_arrived_ends_the_enrolment()
    {
        var awaitingDetails = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred)]);
        EnrolmentDecider.Decide(awaitingDetails, new CancelMealReferral(CaseId, Referral, Now))
            .ShouldHaveSingleItem().ShouldBeOfType<MealEnrolmentEnded>().Cause.ShouldBe(EnrolmentEndCause.ReferralCancelled);
        EnrolmentDecider.Decide(null, new CancelMealReferral(CaseId, Referral, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_revocation_that_overtook_its_details_keeps_them_from_being_stored_and_spares_a_newer_consent()
    {
        var revoked = EnrolmentDecider.Decide(null, new EndEnrolment(CaseId, EnrolmentEndCause.ConsentWithdrawn, null, null, Now, Shared.ConsentId))
            .ShouldHaveSingleItem().ShouldBeOfType<ConsentRevocationNoted>();
        var state = History.Given<MealEnrolment>(revoked);
        EnrolmentDecider.Decide(state, Shared).ShouldBeEmpty();

        var enrolled = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)]);
        EnrolmentDecider.Decide(enrolled, new EndEnrolment(CaseId, EnrolmentEndCause.ConsentWithdrawn, null, null, Now, Guid.NewGuid()))
            .ShouldHaveSingleItem().ShouldBeOfType<ConsentRevocationNoted>();
        EnrolmentDecider.Decide(enrolled, new EndEnrolment(CaseId, EnrolmentEndCause.ConsentWithdrawn, null, null, Now, Shared.ConsentId))
            .ShouldHaveSingleItem().ShouldBeOfType<MealEnrolmentEnded>();
    }

    [Fact]
    public void Sealed_details_open_only_with_their_key()
    {
        var key = new FiveSocieties.BuildingBlocks.Privacy.SubjectKey(CaseId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), DateTimeOffset.UnixEpoch);
        var details = new RecipientDetails("孙桂兰", "平城区新建南路 12 号", "13800000000", "低盐", new Position(40.1, 113.3));
        var sealedDetails = RecipientVault.Seal(key, details);
        sealedDetails.ShouldNotContain("孙");
        RecipientVault.Open(key, sealedDetails).ShouldBe(details);
        RecipientVault.Open(null, sealedDetails).ShouldBeNull();
        var otherKey = key with { Id = Guid.NewGuid() };
        Should.Throw<System.Security.Cryptography.AuthenticationTagMismatchException>(() => RecipientVault.Open(otherKey, sealedDetails));
        // Details sealed before the service used the shared format carry the same bytes without its mark, and still open.
        sealedDetails.ShouldStartWith(FiveSocieties.BuildingBlocks.Privacy.PersonalData.Prefix);
        RecipientVault.Open(key, sealedDetails[FiveSocieties.BuildingBlocks.Privacy.PersonalData.Prefix.Length..]).ShouldBe(details);
    }

    [Fact]
    public void The_household_may_be_texted_only_under_a_valid_sms_consent_whichever_message_came_first()
    {
        var consent = Guid.NewGuid();
        var grant = new GrantSmsContact(CaseId, consent, Now.AddDays(30), Now);
        var enrolled = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)]);
        enrolled.MayText(Now).ShouldBeFalse("the details' consent alone does not allow texts");

        var granted = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, grant), .. EnrolmentDecider.Decide(null, Referred),
            .. EnrolmentDecider.Decide(null, Shared)]);
        granted.Status.ShouldBe(EnrolmentStatus.Enrolled);
        granted.MayText(Now).ShouldBeTrue();
        granted.MayText(Now.AddDays(31)).ShouldBeFalse("past its validity");
        EnrolmentDecider.Decide(granted, grant).ShouldBeEmpty();

        var ended = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, grant), .. EnrolmentDecider.Decide(granted, new EndSmsContact(CaseId, consent, Now))]);
        ended.MayText(Now).ShouldBeFalse();
        // The end overtook the grant on the bus: the grant is never kept.
        var overtaken = History.Given<MealEnrolment>([.. EnrolmentDecider.Decide(null, new EndSmsContact(CaseId, consent, Now))]);
        EnrolmentDecider.Decide(overtaken, grant).ShouldBeEmpty();
        overtaken.StationId.ShouldBe(Guid.Empty, "nothing enrolled: no station's list shows it");
    }

    [Fact]
    public void A_consent_to_be_texted_outlives_the_enrolment_s_end()
    {
        var grant = new GrantSmsContact(CaseId, Guid.NewGuid(), Now.AddDays(30), Now);
        var history = new List<object>([.. EnrolmentDecider.Decide(null, grant), .. EnrolmentDecider.Decide(null, Referred), .. EnrolmentDecider.Decide(null, Shared)]);
        history.AddRange(EnrolmentDecider.Decide(History.Given<MealEnrolment>([.. history]),
            new EndEnrolment(CaseId, EnrolmentEndCause.CaseClosed, null, null, Now)));
        var reopened = History.Given<MealEnrolment>([.. history, .. EnrolmentDecider.Decide(History.Given<MealEnrolment>([.. history]), Shared),
            .. EnrolmentDecider.Decide(History.Given<MealEnrolment>([.. history]), Referred)]);
        reopened.Status.ShouldBe(EnrolmentStatus.Enrolled);
        reopened.MayText(Now).ShouldBeTrue();
    }
}
