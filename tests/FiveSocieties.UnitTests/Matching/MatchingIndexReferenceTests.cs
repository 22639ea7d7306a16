using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;
using static FiveSocieties.UnitTests.Matching.MatchingFixtures;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>
/// The index's fast paths (tiers, compiled rules, early stops, bounded heaps) against the plain
/// definition: every pair the hard rules let through, scored, sorted by score then id, cut at the
/// limit. Generated needs and offers cover what the fast paths take shortcuts on: unknown ages,
/// ability and risk levels, future start dates, validity windows, areas naming a place twice, a
/// township name shared by two districts, full offers, and needs removed and re-added.
/// </summary>
public sealed class MatchingIndexReferenceTests
{
    private static readonly string[] Districts = ["平城区", "云冈区", "灵丘县"];

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 100)]
    [InlineData(3, 500)]
    public void Ranking_the_needs_for_an_offer_equals_the_plain_definition(int seed, int limit)
    {
        var random = new Random(seed);
        var (index, needs, offers) = Build(random);
        foreach (var offer in offers.Values)
        {
            var fast = index.RankNeedsFor(offer, Now, limit);
            var load = Load(offers.Values, offer.ProviderId);
            var plain = needs.Values
                .Where(n => MatchRules.Exclude(n, offer, Today) is null)
                .Select(n => (n.NeedId, Score: MatchScore.NeedPriority(n, Now) + MatchScore.Fit(n, offer, load)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.NeedId)
                .Take(limit).ToList();
            fast.Select(c => c.NeedId).ShouldBe(plain.Select(x => x.NeedId), $"offer {offer.Title}");
            fast.Select(c => c.Score).ShouldBe(plain.Select(x => Math.Round(x.Score, 2)));
        }
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(5, 10)]
    public void Ranking_the_offers_for_a_need_equals_the_plain_definition(int seed, int limit)
    {
        var random = new Random(seed);
        var (index, needs, offers) = Build(random);
        foreach (var need in needs.Values.Take(400))
        {
            var fast = index.RankOffersFor(need, Now, limit);
            var plain = offers.Values
                .Where(o => MatchRules.Exclude(need, o, Today) is null)
                .Select(o => (o.OfferId, Score: MatchScore.NeedPriority(need, Now) + MatchScore.Fit(need, o, Load(offers.Values, o.ProviderId))))
                .OrderByDescending(x => x.Score).ThenBy(x => x.OfferId)
                .Take(limit).ToList();
            fast.Select(c => c.OfferId).ShouldBe(plain.Select(x => x.OfferId));
        }
    }

    private static (MatchingIndex, Dictionary<Guid, NeedProfile>, Dictionary<Guid, OfferProfile>) Build(Random random)
    {
        var index = new MatchingIndex(Calendar);
        var needs = new Dictionary<Guid, NeedProfile>();
        var offers = new Dictionary<Guid, OfferProfile>();
        var providers = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var need = Need(random);
            needs[need.NeedId] = need;
            index.UpsertNeed(need);
        }
        // Some needs leave, some change (another tier, another place): the buckets must follow.
        foreach (var id in needs.Keys.Where(_ => random.NextDouble() < 0.2).ToList())
        {
            if (random.NextDouble() < 0.5) { index.RemoveNeed(id); needs.Remove(id); }
            else
            {
                var moved = Need(random) with { NeedId = id };
                needs[id] = moved;
                index.UpsertNeed(moved);
            }
        }
        for (var i = 0; i < 120; i++)
        {
            var offer = Offer(random, providers[random.Next(providers.Length)]);
            offers[offer.OfferId] = offer;
            index.UpsertOffer(offer);
        }
        return (index, needs, offers);
    }

    private static double Load(IEnumerable<OfferProfile> offers, Guid providerId)
    {
        var mine = offers.Where(o => o.ProviderId == providerId).ToList();
        var capacity = mine.Sum(o => o.Capacity);
        return capacity > 0 ? (double)mine.Sum(o => o.Allocated) / capacity : 0;
    }

    private static (string District, string Township, string Grid) Place(Random random)
    {
        var district = Districts[random.Next(Districts.Length)];
        // Township "T0" exists in every district: a name two districts share.
        var township = random.Next(4) == 0 ? "T0" : $"{district}-T{random.Next(1, 4)}";
        return (district, township, $"{township}-G{random.Next(3)}");
    }

    private static T? Maybe<T>(Random random, T value) where T : struct => random.Next(5) == 0 ? null : value;

    private static NeedProfile Need(Random random)
    {
        var (district, township, grid) = Place(random);
        var child = random.Next(3) == 0;
        var categories = Enum.GetValues<ClientCategory>().Where(_ => random.Next(3) == 0).ToArray();
        return new NeedProfile(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), (NeedCategory)random.Next(3),
            (Urgency)random.Next(3), Today.AddDays(random.Next(-5, 20)), child ? ClientGroup.Child : ClientGroup.Elderly, categories,
            new GridLocation(district, township, grid), Now.AddHours(-random.Next(0, 24 * 50)),
            Maybe(random, child ? random.Next(3, 17) : random.Next(55, 100)), Maybe(random, random.Next(5)),
            random.Next(4) == 0 ? null : (RiskLevel)random.Next(3),
            random.Next(6) == 0 ? null : new GeoPoint(39.9 + random.NextDouble() * 0.4, 113.1 + random.NextDouble() * 0.4));
    }

    private static OfferProfile Offer(Random random, Guid provider)
    {
        var (district, township, grid) = Place(random);
        var area = random.Next(6) switch
        {
            0 => new ServiceArea([], [], []),
            1 => new ServiceArea([district], [], []),
            2 => new ServiceArea([district], [township, "T0"], [grid]),
            3 => new ServiceArea([], [township], [grid, $"{township}-G{random.Next(3)}"]),
            4 => new ServiceArea([], [], [grid]),
            _ => new ServiceArea([Districts[random.Next(Districts.Length)], district], ["T0"], []),
        };
        var groups = random.Next(3) switch { 0 => new[] { ClientGroup.Elderly }, 1 => [ClientGroup.Child], _ => [] };
        var categories = random.Next(3) == 0 ? [(ClientCategory)random.Next(8), (ClientCategory)random.Next(8)] : Array.Empty<ClientCategory>();
        var abilities = random.Next(3) == 0 ? new[] { random.Next(5), random.Next(5) }.Distinct().ToArray() : [];
        var min = random.Next(3) == 0 ? random.Next(0, 70) : (int?)null;
        var max = random.Next(3) == 0 ? random.Next(70, 100) : (int?)null;
        var capacity = random.Next(1, 8);
        return new OfferProfile(Guid.NewGuid(), provider, "provider", $"offer {random.Next()}", (NeedCategory)random.Next(3), capacity,
            random.Next(6) == 0 ? capacity : random.Next(capacity), area, new Eligibility(groups, min, max, categories, abilities),
            Today.AddDays(random.Next(-30, 10)), random.Next(3) == 0 ? Today.AddDays(random.Next(-2, 30)) : null,
            random.Next(5) == 0 ? null : new GeoPoint(39.9 + random.NextDouble() * 0.4, 113.1 + random.NextDouble() * 0.4));
    }
}
