using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// The provider of an accepted referral reads the client's contact under a Referral consent that
/// names it, every read audited; without one, once it is withdrawn, or once the referral ended, it
/// is told to call the station; another provider learns nothing.
/// </summary>
public sealed class ReferralContactTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private readonly Guid _caseworker = Guid.NewGuid();
    private readonly Guid _provider = Guid.NewGuid();
    private readonly string _providerName = $"阳光心理咨询中心{Guid.NewGuid():N}"[..16];
    private readonly string _creditCode = $"52140000{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker, _caseworker);
    private HttpClient Supervisor => cases.ClientAs(Roles.Supervisor);
    private HttpClient ProviderUser(Guid provider) => cases.Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: provider);

    private async Task<(Guid Case, Guid Need)> CaseWithNeedAsync()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        var needId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category = "Counselling", urgency = "Soon" }))
            .EnsureSuccessStatusCode();
        return (caseId, needId);
    }

    private async Task<Guid> GiveReferralConsentAsync(Guid caseId, params string[] organisations)
    {
        var consentId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", new
        {
            consentId, givenBy = "Client", purpose = "Referral", organisations, validUntil = cases.Clock.GetUtcNow().AddDays(180),
        })).EnsureSuccessStatusCode();
        return consentId;
    }

    private Task PublishAsync<T>(T message) where T : class => cases.Neighbours.Bus.Publish(message);

    private async Task<Guid> AcceptedReferralAsync(Guid caseId, Guid needId)
    {
        var referral = Guid.NewGuid();
        await PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId, caseId, cases.Station, _caseworker,
            Guid.NewGuid(), _provider, _providerName, V1.NeedCategory.Counselling, null, null));
        await Eventually.Until(() => ProviderUser(_provider).GetAsync(Contact(referral)), r => r.StatusCode == HttpStatusCode.OK, "referral known");
        return referral;
    }

    private static string Contact(Guid referral) => $"/referrals/{referral}/client-contact";

    private async Task<JsonElement> ContactAsync(Guid referral) => await Json(await ProviderUser(_provider).GetAsync(Contact(referral)));

    private async Task<int> ContactReadsAsync(Guid caseId) =>
        (await Json(await Supervisor.GetAsync($"/audit?caseId={caseId}"))).EnumerateArray()
            .Count(e => e.GetProperty("what").GetString() == "referral-contact");

    [Fact]
    public async Task A_consent_naming_the_provider_shares_the_contact_each_read_audited_until_it_is_withdrawn()
    {
        await PublishAsync(new V1.ProviderRegistered(Guid.NewGuid(), cases.Clock.GetUtcNow(), _provider, _providerName,
            V1.ProviderKind.SocialOrganization, _creditCode, new V1.ServiceArea(["天镇县"], [], [])));
        var (caseId, needId) = await CaseWithNeedAsync();
        var consentId = await GiveReferralConsentAsync(caseId, "南河堡志愿服务队", $" {_creditCode} ");
        var referral = await AcceptedReferralAsync(caseId, needId);

        // The credit code names the provider once Cases has heard of its registration.
        var shared = await Eventually.Until(() => ContactAsync(referral), c => c.GetProperty("shared").GetBoolean(), "contact shared");
        shared.GetProperty("name").GetString().ShouldBe("孙秀英");
        shared.GetProperty("phone").GetString().ShouldBe("13800001234");
        shared.GetProperty("address").GetString().ShouldBe("南河堡村三组12号");

        var readsBefore = await ContactReadsAsync(caseId);
        readsBefore.ShouldBeGreaterThanOrEqualTo(1);
        await ContactAsync(referral);
        await ContactAsync(referral);
        (await ContactReadsAsync(caseId)).ShouldBe(readsBefore + 2);

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents/{consentId}/withdraw", new { reason = "本人要求" })).EnsureSuccessStatusCode();
        var hidden = await ContactAsync(referral);
        hidden.GetProperty("shared").GetBoolean().ShouldBeFalse();
        (hidden.TryGetProperty("phone", out var phone) && phone.ValueKind != JsonValueKind.Null).ShouldBeFalse();
        hidden.GetProperty("note").GetString()!.ShouldContain("请致电社工站");
        (await ContactReadsAsync(caseId)).ShouldBe(readsBefore + 2, "a refused read shares nothing, so records no read of the contact");
    }

    [Fact]
    public async Task Without_a_consent_naming_the_provider_it_is_told_to_call_the_station()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        await GiveReferralConsentAsync(caseId, "天镇县长者食堂");
        var referral = await AcceptedReferralAsync(caseId, needId);

        var contact = await ContactAsync(referral);
        contact.GetProperty("shared").GetBoolean().ShouldBeFalse();
        contact.TryGetProperty("station", out var station).ShouldBeTrue();
        station.ValueKind.ShouldBe(JsonValueKind.Object);
        (await ProviderUser(_provider).SendAsync(new HttpRequestMessage(HttpMethod.Get, Contact(referral))
            { Headers = { { "Accept-Language", "en" } } }).ContinueWith(r => Json(r.Result)).Unwrap())
            .GetProperty("note").GetString()!.ShouldContain("call the station");
        (await ContactReadsAsync(caseId)).ShouldBe(0);
    }

    [Fact]
    public async Task The_end_of_the_referral_hides_the_contact()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        await GiveReferralConsentAsync(caseId, _provider.ToString());
        var referral = await AcceptedReferralAsync(caseId, needId);
        (await ContactAsync(referral)).GetProperty("shared").GetBoolean().ShouldBeTrue();

        await PublishAsync(new V1.ReferralCompleted(Guid.NewGuid(), cases.Clock.GetUtcNow(), referral, needId, caseId, cases.Station, _caseworker,
            Guid.NewGuid(), _provider, V1.ReferralOutcome.Fulfilled));
        await Eventually.Until(() => ContactAsync(referral), c => !c.GetProperty("shared").GetBoolean(), "contact hidden once completed");
    }

    [Fact]
    public async Task Another_provider_or_an_unknown_referral_gets_404()
    {
        var (caseId, needId) = await CaseWithNeedAsync();
        await GiveReferralConsentAsync(caseId, _provider.ToString());
        var referral = await AcceptedReferralAsync(caseId, needId);
        var readsBefore = await ContactReadsAsync(caseId);

        (await ProviderUser(Guid.NewGuid()).GetAsync(Contact(referral))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProviderUser(_provider).GetAsync(Contact(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.GetAsync(Contact(referral))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ContactReadsAsync(caseId)).ShouldBe(readsBefore, "nothing was read");
    }
}
