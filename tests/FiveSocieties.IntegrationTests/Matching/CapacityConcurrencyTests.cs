using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>Capacity is never over-allocated, on the real PostgreSQL, whatever the concurrency.</summary>
public sealed class CapacityConcurrencyTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    [Fact]
    public async Task Two_hundred_concurrent_accepts_against_ten_places_accept_exactly_ten()
    {
        const int needs = 200;
        const int places = 10;
        var station = Guid.NewGuid();
        var district = "区" + Guid.NewGuid().ToString("N")[..8];
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: places, districts: [district]);
        var caseworker = matching.ClientAs(Roles.Caseworker, Guid.NewGuid(), station);

        // Every need is proposed the one offer (a proposal reserves nothing; acceptance does).
        await Task.WhenAll(Enumerable.Range(0, needs).Select(_ => matching.Bus.Publish(MatchingFixture.Need(Guid.NewGuid(), station, district: district))));
        var proposed = await Eventually.Until(async () => await HttpJson.Json(await caseworker.GetAsync("/referrals?status=AwaitingApproval")),
            list => list.GetArrayLength() == needs, $"{needs} proposals");
        var ids = proposed.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            (await caseworker.PostAsync($"/referrals/{id}/approve", null, ct)).EnsureSuccessStatusCode());

        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        using var start = new SemaphoreSlim(0);
        var accepts = ids.Select(async id =>
        {
            await start.WaitAsync();
            var response = await provider.PostAsync($"/referrals/{id}/accept", null);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(ids.Count);
        var results = await Task.WhenAll(accepts);

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(places);
        var refused = results.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        refused.ShouldAllBe(r => r.StatusCode == HttpStatusCode.UnprocessableEntity || r.StatusCode == HttpStatusCode.Conflict);
        refused.Where(r => r.StatusCode == HttpStatusCode.UnprocessableEntity).ShouldAllBe(r => r.Body.Contains("offer.no-free-capacity"));

        var state = await HttpJson.Json(await provider.GetAsync($"/offers/{offer}"));
        state.GetProperty("allocated").GetInt32().ShouldBe(places);
        state.GetProperty("freeCapacity").GetInt32().ShouldBe(0);
        (await HttpJson.Json(await provider.GetAsync("/referrals?status=Accepted"))).GetArrayLength().ShouldBe(places);
    }
}
