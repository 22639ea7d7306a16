using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using static FiveSocieties.UnitTests.Matching.MatchingFixtures;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>The score and the ranking the index gives, with their reasons.</summary>
public sealed class MatchRankingTests
{
    [Theory]
    [InlineData(Urgency.Urgent, Urgency.Soon)]
    [InlineData(Urgency.Soon, Urgency.Routine)]
    public void A_more_urgent_need_ranks_first(Urgency higher, Urgency lower)
    {
        MatchScore.NeedPriority(Need() with { Urgency = higher }, Now).ShouldBeGreaterThan(MatchScore.NeedPriority(Need() with { Urgency = lower }, Now));
    }

    [Theory]
    [InlineData(RiskLevel.High, RiskLevel.Medium)]
    [InlineData(RiskLevel.Medium, RiskLevel.Low)]
    public void A_higher_risk_ranks_first(RiskLevel higher, RiskLevel lower) =>
        MatchScore.NeedPriority(Need() with { RiskLevel = higher }, Now).ShouldBeGreaterThan(MatchScore.NeedPriority(Need() with { RiskLevel = lower }, Now));

    [Fact]
    public void Living_alone_and_waiting_longer_raise_the_priority_and_say_so()
    {
        var alone = Need();
        var notAlone = alone with { ClientCategories = [ClientCategory.AdvancedAge] };
        MatchScore.NeedPriority(alone, Now).ShouldBe(MatchScore.NeedPriority(notAlone, Now) + 10);

        var reasons = new List<MatchReason>();
        var waited = MatchScore.NeedPriority(alone with { RaisedAt = Now.AddDays(-15) }, Now, reasons);
        waited.ShouldBe(MatchScore.NeedPriority(alone, Now) + 7.5, 0.001);
        var said = reasons.Select(r => (r.Code, r.Text.English)).ToList();
        said.ShouldContain(("waiting", "waiting 15 days (+7.5)"));
        said.ShouldContain(("lives-alone", "lives alone (+10)"));
        said.ShouldContain(("risk", "Medium risk (+10)"));
    }

    [Fact]
    public void Haversine_distance_is_right_for_a_known_pair()
    {
        // Datong city centre to Yanggao county town: about 50 km as the crow flies.
        MatchScore.HaversineKm(new GeoPoint(40.0768, 113.3001), Yanggao).ShouldBe(49.0, 3.0);
        MatchScore.HaversineKm(Yanggao, Yanggao).ShouldBe(0);
    }

    [Fact]
    public void The_nearer_and_less_loaded_offer_ranks_first_with_its_reasons()
    {
        var index = new MatchingIndex(Calendar);
        var near = Offer() with { ServicePoint = new GeoPoint(40.361, 113.751) };
        var far = Offer() with { ServicePoint = new GeoPoint(40.45, 113.85) };
        var busy = Offer() with { ServicePoint = new GeoPoint(40.361, 113.751), Allocated = 9 };
        var excluded = Offer() with { Category = NeedCategory.Tutoring };
        foreach (var offer in new[] { far, busy, near, excluded }) index.UpsertOffer(offer);
        var need = Need();

        var whyNot = new List<Exclusion>();
        var ranked = index.RankOffersFor(need, Now, excluded: whyNot);

        ranked.Select(c => c.OfferId).ShouldBe([near.OfferId, busy.OfferId, far.OfferId]);
        ranked[0].Reasons.ShouldContain(r => r.Code == "distance" && r.Text.English.Contains("km from the service point"));
        ranked[0].Reasons.ShouldContain(r => r.Code == "provider-load" && r.Text.English.StartsWith("provider at 0%"));
        ranked[1].Reasons.ShouldContain(r => r.Code == "provider-load" && r.Text.English.StartsWith("provider at 90%"));
        whyNot.ShouldBeEmpty("the tutoring offer is in another category's bucket, never looked at");
    }

    [Fact]
    public void A_new_offer_ranks_the_open_needs_it_serves_and_only_those()
    {
        var index = new MatchingIndex(Calendar);
        var urgent = Need() with { Urgency = Urgency.Urgent };
        var routine = Need() with { Urgency = Urgency.Routine };
        var otherTownship = Need() with { Location = new GridLocation("阳高县", "东小村镇", "DX-1") };
        var otherDistrict = Need() with { Location = new GridLocation("天镇县", "南河堡乡", "NHB-3") };
        var child = Need() with { ClientGroup = ClientGroup.Child, ClientCategories = [ClientCategory.LeftBehind], ClientAge = 9 };
        foreach (var need in new[] { routine, urgent, otherTownship, otherDistrict, child }) index.UpsertNeed(need);

        var offer = Offer() with { Area = new ServiceArea([], ["龙泉镇"], ["NHB-3"]) };
        index.RankNeedsFor(offer, Now).Select(c => c.NeedId).ShouldBe([urgent.NeedId, otherDistrict.NeedId, routine.NeedId]);

        index.RemoveNeed(urgent.NeedId);
        index.RankNeedsFor(offer, Now).Select(c => c.NeedId).ShouldBe([otherDistrict.NeedId, routine.NeedId]);
    }

    [Fact]
    public void The_index_follows_capacity_and_withdrawal()
    {
        var index = new MatchingIndex(Calendar);
        var offer = Offer();
        index.UpsertOffer(offer);
        index.RankOffersFor(Need(), Now).ShouldHaveSingleItem();
        index.UpsertOffer(offer with { Allocated = offer.Capacity });
        index.RankOffersFor(Need(), Now).ShouldBeEmpty();
        index.UpsertOffer(offer);
        index.RemoveOffer(offer.OfferId);
        index.RankOffersFor(Need(), Now).ShouldBeEmpty();
        index.LiveOffers.ShouldBe(0);
    }

    [Fact]
    public void An_offer_is_ranked_until_midnight_Beijing_time_on_its_last_day_and_not_after()
    {
        var index = new MatchingIndex(Calendar);
        var lastDay = new DateOnly(2026, 12, 6);
        var offer = Offer() with { ValidUntil = lastDay };
        var need = Need();
        index.UpsertOffer(offer);
        index.UpsertNeed(need);
        var beforeMidnight = new DateTimeOffset(2026, 12, 6, 15, 59, 0, TimeSpan.Zero); // 23:59 on 6 December in Beijing
        var afterMidnight = new DateTimeOffset(2026, 12, 6, 16, 1, 0, TimeSpan.Zero); // 00:01 on 7 December in Beijing

        index.RankOffersFor(need, beforeMidnight).ShouldHaveSingleItem();
        index.RankNeedsFor(offer, beforeMidnight).ShouldHaveSingleItem();
        var whyNot = new List<Exclusion>();
        index.RankOffersFor(need, afterMidnight, excluded: whyNot).ShouldBeEmpty();
        whyNot.ShouldHaveSingleItem().Rule.ShouldBe("validity");
        index.RankNeedsFor(offer, afterMidnight).ShouldBeEmpty();
    }
}
