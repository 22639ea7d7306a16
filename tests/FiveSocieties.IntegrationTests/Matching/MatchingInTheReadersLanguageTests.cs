using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// What Matching says to people is in the reader's language (zh-CN unless Accept-Language asks
/// for English): a candidate's reasons, a rule's refusal and a forbidden step's; their codes are
/// the same in both.
/// </summary>
public sealed class MatchingInTheReadersLanguageTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly string _district = "区" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient CaseworkerReading(string? language)
    {
        var client = matching.ClientAs(Roles.Caseworker, _caseworker, _station);
        if (language is not null) client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    [Fact]
    public async Task A_candidates_reasons_are_in_Chinese_by_default_and_in_English_when_asked_with_the_same_codes()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 4, districts: [_district], latitude: 40.361);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        await MatchingFixture.ProposalAsync(CaseworkerReading(null), need.NeedId, offer);

        using var chinese = await CaseworkerReading(null).GetAsync($"/needs/{need.NeedId}/candidates");
        chinese.Content.Headers.ContentLanguage.ShouldBe(["zh-CN"]);
        var zh = Reasons(await HttpJson.Json(chinese));
        zh["distance"].ShouldContain("距服务点");
        zh["distance"].ShouldContain("公里");
        zh["area.district"].ShouldBe($"服务区县 {_district}");
        zh["urgency"].ShouldBe("较急需求（+18）");
        zh["risk"].ShouldBe("评估为中风险（+10）");

        var en = Reasons(await HttpJson.Json(await CaseworkerReading("en-US,en;q=0.9,zh;q=0.5").GetAsync($"/needs/{need.NeedId}/candidates")));
        en.Keys.ShouldBe(zh.Keys, ignoreOrder: true);
        en["distance"].ShouldContain("km from the service point");
        en["urgency"].ShouldBe("Soon need (+18)");
    }

    [Fact]
    public async Task A_rules_refusal_is_explained_in_Chinese_by_default_and_in_English_when_asked()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var referral = (await MatchingFixture.ProposalAsync(CaseworkerReading(null), need.NeedId, offer)).GetProperty("id").GetGuid();
        var provider = matching.ClientAs(Roles.Provider, providerId: canteen);

        using var chinese = await provider.PostAsync($"/referrals/{referral}/accept", null);
        chinese.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var zh = await Problem(chinese);
        zh.GetProperty("rule").GetString().ShouldBe("referral.not-awaiting-acceptance");
        zh.GetProperty("title").GetString().ShouldBe("业务规则不允许此操作");
        zh.GetProperty("detail").GetString().ShouldBe("只有正在等待服务方接受的转介才能接受；当前转介正在等待社工审批。");

        provider.DefaultRequestHeaders.Add("Accept-Language", "en");
        var en = await Problem(await provider.PostAsync($"/referrals/{referral}/accept", null));
        en.GetProperty("rule").GetString().ShouldBe("referral.not-awaiting-acceptance");
        en.GetProperty("title").GetString().ShouldBe("A rule refused the command.");
        en.GetProperty("detail").GetString()
            .ShouldBe("Only a referral that is awaiting the provider's acceptance can be accepted; this one is awaiting the caseworker's approval.");
    }

    /// <summary>
    /// Who may act on a referral it can see (ACCESS.md): the provider it was sent to, not another
    /// provider who sees it as the need's station staff. That is forbidden (403, with the rule's
    /// code and its words), not a rule of the loop (422).
    /// </summary>
    [Fact]
    public async Task A_forbidden_step_is_refused_with_403_in_the_readers_language()
    {
        var canteen = await matching.RegisterProviderAsync();
        var offer = await matching.OfferAsync(canteen, capacity: 1, districts: [_district]);
        var need = MatchingFixture.Need(_caseworker, _station, district: _district);
        await matching.Bus.Publish(need);
        var referral = (await MatchingFixture.ProposalAsync(CaseworkerReading(null), need.NeedId, offer)).GetProperty("id").GetGuid();
        await HttpJson.Json(await CaseworkerReading(null).PostAsync($"/referrals/{referral}/approve", null));
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

    private static Dictionary<string, string> Reasons(JsonElement candidates) =>
        candidates.GetProperty("candidates").EnumerateArray().Single().GetProperty("reasons").EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("text").GetString()!);

    /// <summary>A problem+json body (the shared Json helper insists on success).</summary>
    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
