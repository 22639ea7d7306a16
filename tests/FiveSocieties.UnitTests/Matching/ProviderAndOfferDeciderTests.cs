using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using ProviderRegistered = FiveSocieties.Matching.Providers.ProviderRegistered;
using JasperFx.Events;

namespace FiveSocieties.UnitTests.Matching;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    public void A_code_with_its_check_character_is_valid(string code) => CreditCode.Problem(code).ShouldBeNull();

    [Theory]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91350100M000100Y4", "18 characters")]
    [InlineData("91350100M0001O0Y43", "position 14")]
    [InlineData("", "required")]
    public void A_wrong_code_is_refused_with_what_is_wrong(string code, string problem) =>
        CreditCode.Problem(code).ShouldNotBeNull().ShouldContain(problem);

    [Fact]
    public void The_check_character_completes_any_seventeen() => CreditCode.Problem("91140200MA0K00001" + CreditCode.CheckCharacter("91140200MA0K00001")).ShouldBeNull();
}

public sealed class ProviderDeciderTests
{
    private static readonly RegisterProvider Register = new(Guid.NewGuid(), "阳高县龙泉镇长者食堂", ProviderKind.Canteen, "91350100M000100Y43",
        new ProviderContact("王经理", "0352-6621234", null), new ServiceArea(["阳高县"], [], []), Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public void A_provider_registers_once_and_a_repeat_changes_nothing()
    {
        var registered = ProviderDecider.Decide(null, Register).ShouldHaveSingleItem().ShouldBeOfType<ProviderRegistered>();
        var state = Provider.Create(registered);
        ProviderDecider.Decide(state, Register).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => ProviderDecider.Decide(state, Register with { Name = "another" })).Code.ShouldBe("provider.id-taken");
    }
}

public sealed class OfferDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PublishOffer Publish = new(Guid.NewGuid(), Guid.NewGuid(), "龙泉镇长者食堂", NeedCategory.MealDelivery, "Lunch",
        null, 2, new ServiceArea(["阳高县"], [], []), new Eligibility([ClientGroup.Elderly], 60, null, [], []), new DateOnly(2026, 11, 1),
        new DateOnly(2026, 12, 31), null, null, Guid.NewGuid(), Now);

    private static Offer Given(params object[] events)
    {
        var offer = Offer.Create((OfferPublished)OfferDecider.Decide(null, Publish)[0]);
        foreach (var e in events)
            offer = e switch
            {
                OfferUnitReserved r => offer.Apply(r),
                OfferUnitReleased r => offer.Apply(r),
                OfferWithdrawn w => offer.Apply(w),
                OfferCapacityChanged c => offer.Apply(c),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return offer;
    }

    private static OfferUnitReserved Reserved(Guid referral, int allocated) => new(Publish.OfferId, Publish.ProviderId, referral, allocated, Now);

    [Fact]
    public void Publishing_twice_with_the_same_id_changes_nothing_and_other_details_are_refused()
    {
        OfferDecider.Decide(Given(), Publish).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => OfferDecider.Decide(Given(), Publish with { Title = "Dinner" })).Code.ShouldBe("offer.id-taken");
        Should.Throw<DomainRuleViolation>(() => OfferDecider.Decide(null, Publish with { ValidUntil = new DateOnly(2026, 10, 1) }))
            .Code.ShouldBe("offer.validity-inverted");
    }

    [Fact]
    public void Places_are_reserved_up_to_capacity_and_never_beyond()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        OfferDecider.Reserve(Given(), first, Now).ShouldHaveSingleItem().ShouldBeOfType<OfferUnitReserved>().Allocated.ShouldBe(1);
        var full = Given(Reserved(first, 1), Reserved(second, 2));
        full.FreeCapacity.ShouldBe(0);
        Should.Throw<DomainRuleViolation>(() => OfferDecider.Reserve(full, Guid.NewGuid(), Now)).Code.ShouldBe("offer.no-free-capacity");
        OfferDecider.Reserve(full, first, Now).ShouldBeEmpty("the same referral's repeat takes nothing more");
    }

    [Fact]
    public void A_release_frees_the_place_of_that_referral_only_once()
    {
        var referral = Guid.NewGuid();
        var held = Given(Reserved(referral, 1));
        var released = OfferDecider.Release(held, referral, Now).ShouldHaveSingleItem().ShouldBeOfType<OfferUnitReleased>();
        released.Allocated.ShouldBe(0);
        OfferDecider.Release(Given(Reserved(referral, 1), released), referral, Now).ShouldBeEmpty();
        OfferDecider.Release(held, Guid.NewGuid(), Now).ShouldBeEmpty();
    }

    [Fact]
    public void Capacity_cannot_go_below_what_is_allocated()
    {
        var held = Given(Reserved(Guid.NewGuid(), 1), Reserved(Guid.NewGuid(), 2));
        Should.Throw<DomainRuleViolation>(() => OfferDecider.ChangeCapacity(held, 1, Guid.NewGuid(), Now)).Code.ShouldBe("offer.capacity-below-allocated");
        OfferDecider.ChangeCapacity(held, 5, Guid.NewGuid(), Now).ShouldHaveSingleItem().ShouldBeOfType<OfferCapacityChanged>().Capacity.ShouldBe(5);
        OfferDecider.ChangeCapacity(held, 2, Guid.NewGuid(), Now).ShouldBeEmpty();
    }

    [Fact]
    public void An_offer_expires_after_its_last_day_and_a_withdrawn_one_takes_no_reservation()
    {
        OfferDecider.Expire(Given(), new DateOnly(2026, 12, 31), Now).ShouldBeEmpty();
        OfferDecider.Expire(Given(), new DateOnly(2027, 1, 1), Now).ShouldHaveSingleItem().ShouldBeOfType<OfferWithdrawn>()
            .Cause.ShouldBe(OfferEndCause.Expired);
        var withdrawn = Given(new OfferWithdrawn(Publish.OfferId, Publish.ProviderId, OfferEndCause.WithdrawnByProvider, Now));
        OfferDecider.Withdraw(withdrawn, Now).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => OfferDecider.Reserve(withdrawn, Guid.NewGuid(), Now)).Code.ShouldBe("offer.not-active");
    }
}
