using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using static FiveSocieties.UnitTests.Matching.MatchingFixtures;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>The hard rules, one fact changed per row: which rule excludes, or none.</summary>
public sealed class MatchRulesTests
{
    public static TheoryData<string, Func<NeedProfile, NeedProfile>, Func<OfferProfile, OfferProfile>, string?> Rows => new()
    {
        { "fits as given", n => n, o => o, null },
        { "other category", n => n, o => o with { Category = NeedCategory.Tutoring }, "category" },
        { "area: another district", n => n with { Location = new GridLocation("天镇县", "南河堡乡", "NHB-3") }, o => o, "area" },
        { "area: anywhere", n => n with { Location = new GridLocation("天镇县", "南河堡乡", "NHB-3") }, o => o with { Area = new ServiceArea([], [], []) }, null },
        { "area: listed township", n => n, o => o with { Area = new ServiceArea([], ["龙泉镇"], []) }, null },
        { "area: other township", n => n, o => o with { Area = new ServiceArea([], ["东小村镇"], []) }, "area" },
        { "area: listed grid", n => n, o => o with { Area = new ServiceArea([], [], ["LQ-1"]) }, null },
        { "area: other grid", n => n, o => o with { Area = new ServiceArea([], [], ["LQ-2"]) }, "area" },
        { "validity: ended yesterday", n => n, o => o with { ValidUntil = Today.AddDays(-1) }, "validity" },
        { "validity: starts next week", n => n, o => o with { ValidFrom = Today.AddDays(7) }, "validity" },
        { "validity: starts when the need does", n => n with { StartDate = Today.AddDays(7) }, o => o with { ValidFrom = Today.AddDays(7) }, null },
        { "group: children only", n => n, o => o with { Eligibility = o.Eligibility with { ClientGroups = [ClientGroup.Child] } }, "eligibility.group" },
        { "age: below minimum", n => n with { ClientAge = 59 }, o => o, "eligibility.age" },
        { "age: above maximum", n => n, o => o with { Eligibility = o.Eligibility with { MaxAge = 80 } }, "eligibility.age" },
        { "age: at the limits", n => n, o => o with { Eligibility = o.Eligibility with { MinAge = 81, MaxAge = 81 } }, null },
        { "age: unknown is checked by the caseworker", n => n with { ClientAge = null }, o => o, null },
        { "categories: one in common", n => n, o => o with { Eligibility = o.Eligibility with { Categories = [ClientCategory.LivesAlone, ClientCategory.Disabled] } }, null },
        { "categories: none in common", n => n, o => o with { Eligibility = o.Eligibility with { Categories = [ClientCategory.ExtremelyPoor] } }, "eligibility.category" },
        { "ability: level listed", n => n, o => o with { Eligibility = o.Eligibility with { AbilityLevels = [2, 3] } }, null },
        { "ability: level not listed", n => n, o => o with { Eligibility = o.Eligibility with { AbilityLevels = [0, 1] } }, "eligibility.ability" },
        { "capacity: all taken", n => n, o => o with { Allocated = 10 }, "capacity" },
        { "capacity: one left", n => n, o => o with { Allocated = 9 }, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void An_offer_fits_a_need_unless_a_hard_rule_excludes_it(
        string row, Func<NeedProfile, NeedProfile> need, Func<OfferProfile, OfferProfile> offer, string? rule)
    {
        var excluded = MatchRules.Exclude(need(Need()), offer(Offer()), Today);
        excluded?.Rule.ShouldBe(rule, row);
        if (rule is null) excluded.ShouldBeNull(row);
        else excluded.ShouldNotBeNull(row).Reason.Text.English.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_fitting_candidate_says_where_and_for_whom_it_fits()
    {
        var reasons = MatchRules.WhyItFits(Need(), Offer() with { Area = new ServiceArea([], [], ["LQ-1"]) }).ToList();
        reasons.Select(r => r.Text.English).ShouldContain("serves grid LQ-1");
        reasons.ShouldContain(r => r.Text.English.StartsWith("age 81 within 60"));
        reasons.Select(r => r.Text.English).ShouldContain("10 of 10 places free");
    }

    [Fact]
    public void Unknown_eligibility_facts_are_named_for_the_caseworker_to_check()
    {
        var offer = Offer() with { Eligibility = new Eligibility([], 60, 90, [], [1, 2]) };
        var reasons = MatchRules.WhyItFits(Need() with { ClientAge = null, AbilityLevel = null }, offer).ToList();
        reasons.ShouldContain(r => r.Text.English.Contains("age not known"));
        reasons.ShouldContain(r => r.Text.English.Contains("ability level not assessed"));
    }
}
