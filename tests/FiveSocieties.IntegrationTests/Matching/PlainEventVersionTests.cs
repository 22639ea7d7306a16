using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.Offers;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// Matching's aggregates fold plain events and never copy the version themselves: Marten 9 must
/// set it, on the inline snapshot and on the aggregate FetchForWriting hands a decider, or every
/// ETag and If-Match would stay at the first event's version.
/// </summary>
public sealed class PlainEventVersionTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    [Fact]
    public async Task An_offer_folded_from_plain_events_carries_its_streams_version()
    {
        var canteen = await matching.RegisterProviderAsync();
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        var offerId = await matching.OfferAsync(canteen, capacity: 2, districts: ["区" + Guid.NewGuid().ToString("N")[..8]]);
        await HttpJson.Json(await provider.PostAsJsonAsync($"/offers/{offerId}/capacity", new { capacity = 3 }));
        var changed = await provider.PostAsJsonAsync($"/offers/{offerId}/capacity", new { capacity = 4 });
        await HttpJson.Json(changed);
        changed.Headers.ETag!.Tag.ShouldBe("\"3\"");

        var store = matching.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var query = store.QuerySession())
        {
            var snapshot = await query.LoadAsync<Offer>(offerId);
            snapshot!.Version.ShouldBe(3, "the inline snapshot");
            snapshot.Capacity.ShouldBe(4);
        }
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Offer>(offerId);
        stream.Aggregate!.Version.ShouldBe(3, "the aggregate a decider sees");
        stream.CurrentVersion.ShouldBe(3);

        var read = await provider.GetAsync($"/offers/{offerId}");
        read.Headers.ETag!.Tag.ShouldBe("\"3\"");
    }
}
