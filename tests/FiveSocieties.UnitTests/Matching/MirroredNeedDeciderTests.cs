using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.NeedsMirror;

namespace FiveSocieties.UnitTests.Matching;

public sealed class MirroredNeedDeciderTests
{
    private static readonly NeedRaised Raised = new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), NeedCategory.MealDelivery, Urgency.Urgent, Recurrence.Daily, 1, new DateOnly(2026, 12, 1),
        ClientGroup.Elderly, [ClientCategory.LivesAlone], new GridLocation("天镇县", "南河堡乡", "NHB-03"));

    private static MirroredNeed Open() => new(Raised.NeedId, Raised.CaseId, Raised.StationId, Raised.Category, Raised.Urgency,
        Raised.Recurrence, Raised.Quantity, Raised.StartDate, Raised.ClientGroup, Raised.ClientCategories, Raised.Location,
        Raised.OccurredAt, MirroredNeedStatus.Open, 1);

    private static NeedWithdrawn Withdrawn(NeedWithdrawalCause cause) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Raised.NeedId, Raised.CaseId, cause);

    [Fact]
    public void A_raised_need_opens_for_matching_once()
    {
        var opened = MirroredNeedDecider.Decide(null, Raised).ShouldHaveSingleItem().ShouldBeOfType<NeedOpenedForMatching>();
        opened.ClientCategories.ShouldBe([ClientCategory.LivesAlone]);
        opened.Location.Grid.ShouldBe("NHB-03");
        MirroredNeedDecider.Decide(Open(), Raised).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(NeedWithdrawalCause.WithdrawnByCaseworker)]
    [InlineData(NeedWithdrawalCause.CaseClosed)]
    public void A_withdrawal_takes_an_open_need_out_of_matching_once(NeedWithdrawalCause cause)
    {
        MirroredNeedDecider.Decide(Open(), Withdrawn(cause)).ShouldHaveSingleItem().ShouldBeOfType<NeedLeftMatching>().Cause.ShouldBe(cause);
        MirroredNeedDecider.Decide(Open() with { Status = MirroredNeedStatus.Withdrawn }, Withdrawn(cause)).ShouldBeEmpty();
    }

    [Fact]
    public void A_withdrawal_that_overtook_its_raising_waits_for_it() =>
        Should.Throw<NotYetKnown>(() => MirroredNeedDecider.Decide(null, Withdrawn(NeedWithdrawalCause.CaseClosed)));

    [Fact]
    public void A_need_after_events_not_yet_stored_is_folded_as_Marten_folds_it()
    {
        var (referral, offer, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var opened = MirroredNeed.After(null, MirroredNeedDecider.Decide(null, Raised))!;
        opened.IsOpen.ShouldBeTrue();
        opened.Id.ShouldBe(Raised.NeedId);

        var referred = MirroredNeed.After(opened, [new NeedReferred(Raised.NeedId, referral, offer, at)])!;
        referred.ActiveReferralId.ShouldBe(referral);
        referred.TriedOffers.ShouldBe([offer]);

        MirroredNeed.After(referred, [new NeedReferralEnded(Raised.NeedId, Guid.NewGuid(), at)])!.ActiveReferralId
            .ShouldBe(referral, "another referral's end leaves this one in progress");
        var back = MirroredNeed.After(referred, [new NeedReferralEnded(Raised.NeedId, referral, at)])!;
        back.ActiveReferralId.ShouldBeNull();
        back.TriedOffers.ShouldBe([offer], "an offer tried stays tried");
        MirroredNeed.After(back, [new NeedLeftMatching(Raised.NeedId, NeedWithdrawalCause.CaseClosed, at)])!.Status
            .ShouldBe(MirroredNeedStatus.Withdrawn);
        MirroredNeed.After(null, [new NeedReferralEnded(Raised.NeedId, referral, at)]).ShouldBeNull("nothing to fold onto");
    }
}
