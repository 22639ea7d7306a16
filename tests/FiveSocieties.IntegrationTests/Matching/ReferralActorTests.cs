using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// Who may act on a referral it can see (ACCESS.md): the provider it was sent to accepts it, not
/// another provider who happens to see it as the need's station staff. That is forbidden (403,
/// with the rule's code and its words in the reader's language), not a rule of the loop (422).
/// </summary>
public sealed class ReferralActorTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly string _district = "区" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Another_provider_who_sees_the_referral_may_not_accept_it()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var caseworker = matching.ClientAs(Roles.Caseworker, _caseworker, _station);
        var referral = (await MatchingFixture.ProposalAsync(caseworker, need.NeedId, offer)).GetProperty("id").GetGuid();
        await HttpJson.Json(await caseworker.PostAsync($"/referrals/{referral}/approve", null));

        // Station staff of the need's station who also act for another provider.
        var both = matching.Host.CreateClient();
        both.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint(new AuthSettings(),
            Guid.NewGuid(), [Roles.Caseworker, Roles.Provider], _station, lifetime: TimeSpan.FromDays(60), providerId: Guid.NewGuid()));

        using var chinese = await both.PostAsync($"/referrals/{referral}/accept", null);
        chinese.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var zh = await Problem(chinese);
        zh.GetProperty("rule").GetString().ShouldBe("referral.provider-only");
        zh.GetProperty("title").GetString().ShouldBe("无权执行此操作");
        zh.GetProperty("detail").GetString().ShouldBe("只有接收该转介的服务提供方才能执行此操作。");

        both.DefaultRequestHeaders.Add("Accept-Language", "en");
        using var english = await both.PostAsync($"/referrals/{referral}/accept", null);
        english.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(english)).GetProperty("detail").GetString().ShouldBe("Only the provider the referral was sent to can do this.");

        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);
        (await HttpJson.Json(await provider.PostAsync($"/referrals/{referral}/accept", null))).GetProperty("status").GetString()
            .ShouldBe("Accepted", "the provider it was sent to still may");
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
