using System.Net;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.NeedsMirror;
using FiveSocieties.Matching.Offers;
using FiveSocieties.Matching.Providers;
using FiveSocieties.Matching.Referrals;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// Matching's read models dropped and rebuilt from the events alone, as `fivesoc rebuild matching`
/// does: providers, offers with their allocations, the needs and cases it mirrors, and referrals at
/// every step answer the same, byte for byte, and the loop carries on from them.
/// </summary>
public sealed class MatchingRebuildTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly string _district = "区" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Caseworker => matching.ClientAs(Roles.Caseworker, _caseworker, _station);

    private async Task<Guid> ProposedAsync(Guid needId) =>
        (await MatchingFixture.ProposalAsync(Caseworker, needId)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Providers_offers_needs_and_referrals_answer_the_same_after_their_documents_are_rebuilt()
    {
        var canteen = await matching.RegisterProviderAsync();
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var near = await matching.OfferAsync(canteen, capacity: 2, districts: [_district], latitude: 40.361);
        var far = await matching.OfferAsync(canteen, capacity: 1, districts: [_district], latitude: 40.50);

        // One referral accepted (a place allocated), one awaiting approval.
        var accepted = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(accepted);
        var acceptedReferral = await ProposedAsync(accepted.NeedId);
        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{acceptedReferral}/approve", null));
        await HttpJson.Json(await provider.PostAsync($"/referrals/{acceptedReferral}/accept", null));
        var waiting = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(waiting);
        var waitingReferral = await ProposedAsync(waiting.NeedId);

        string[] paths =
        [
            $"/providers/{canteen}", $"/offers/{near}", $"/offers/{far}", $"/referrals?needId={accepted.NeedId}",
            $"/referrals?needId={waiting.NeedId}", $"/referrals/{acceptedReferral}", $"/needs/{waiting.NeedId}/candidates",
        ];
        async Task<string[]> ReadAllAsync() => await Task.WhenAll(paths.Select(p => Caseworker.GetStringAsync(p)));
        var before = await ReadAllAsync();

        var store = matching.Host.Services.GetRequiredService<IDocumentStore>();
        foreach (var type in new[] { typeof(KnownCase), typeof(MirroredNeed), typeof(Provider), typeof(Offer), typeof(Referral) })
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
        (await Caseworker.GetAsync($"/offers/{near}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the documents are gone");

        var rebuilt = await store.RebuildAllProjectionsAsync();

        rebuilt.Select(r => r.Projection).ShouldBe(
            [nameof(KnownCase), nameof(MirroredNeed), nameof(Provider), nameof(Offer), nameof(Referral)], ignoreOrder: true);
        var after = await ReadAllAsync();
        for (var i = 0; i < before.Length; i++) after[i].ShouldBe(before[i], paths[i]);

        // And the rebuilt documents carry on: the waiting referral is approved and accepted against the rebuilt offer.
        await HttpJson.Json(await Caseworker.PostAsync($"/referrals/{waitingReferral}/approve", null));
        var taken = await HttpJson.Json(await provider.PostAsync($"/referrals/{waitingReferral}/accept", null));
        taken.GetProperty("status").GetString().ShouldBe("Accepted");
        var offer = (await HttpJson.Json(await provider.GetAsync($"/referrals/{waitingReferral}"))).GetProperty("offerId").GetGuid();
        (await HttpJson.Json(await provider.GetAsync($"/offers/{offer}"))).GetProperty("allocated").GetInt32()
            .ShouldBe(offer == near ? 2 : 1, "the allocation counted on from the rebuilt offer");
    }
}
