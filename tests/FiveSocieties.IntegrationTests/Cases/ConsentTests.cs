using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Consent (知情同意) over HTTP: delivery details reach the volunteers' side only while a consent is valid.</summary>
public sealed class ConsentTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker);

    private object SharingConsent(Guid? consentId = null, TimeSpan? validFor = null, string purpose = "DeliveryDetailsSharing",
        string givenBy = "Client", string? guardianName = null) => new
    {
        consentId = consentId ?? Guid.NewGuid(),
        givenBy,
        guardianName,
        purpose,
        organisations = new[] { "天镇县长者食堂", "南河堡志愿服务队" },
        validUntil = cases.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(180)),
        dietaryNotes = "低盐, 软食",
    };

    private Task<V1.DeliveryRecipientRevoked> RevokedAsync(Guid caseId) => Eventually.Until(
        () => Task.FromResult(cases.Neighbours.Received.Of<V1.DeliveryRecipientRevoked>().SingleOrDefault(r => r.CaseId == caseId)),
        r => r is not null, "DeliveryRecipientRevoked")!;

    private Task<V1.DeliveryRecipientShared> SharedAsync(Guid caseId) => Eventually.Until(
        () => Task.FromResult(cases.Neighbours.Received.Of<V1.DeliveryRecipientShared>().SingleOrDefault(r => r.CaseId == caseId)),
        r => r is not null, "DeliveryRecipientShared")!;

    private async Task<IReadOnlyList<string>> EventTypesAsync(Guid caseId)
    {
        await using var session = cases.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Select(e => e.EventType.Name).ToList();
    }

    [Fact]
    public async Task A_sharing_consent_shares_the_client_s_delivery_details_and_withdrawing_it_revokes_them()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        var consentId = Guid.NewGuid();
        var given = await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", SharingConsent(consentId));
        given.StatusCode.ShouldBe(HttpStatusCode.Created, await given.Content.ReadAsStringAsync());
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", SharingConsent(consentId))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var shared = await SharedAsync(caseId);
        shared.ConsentId.ShouldBe(consentId);
        shared.StationId.ShouldBe(cases.Station);
        (shared.Name, shared.Address, shared.Phone, shared.DietaryNotes).ShouldBe(("孙秀英", "南河堡村三组12号", "13800001234", "低盐, 软食"));
        shared.Position.ShouldBe(new V1.GeoPoint(40.4213, 114.0917));
        shared.Location.Grid.ShouldBe("NHB-03");
        shared.LivesAlone.ShouldBeTrue();

        var consent = (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("consents").EnumerateArray().Single();
        consent.GetProperty("status").GetString().ShouldBe("Valid");
        consent.GetProperty("shared").GetBoolean().ShouldBeTrue();

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents/{consentId}/withdraw", new { reason = "家属反对" })).EnsureSuccessStatusCode();
        (await RevokedAsync(caseId)).Cause.ShouldBe(V1.SharingRevocationCause.ConsentWithdrawn);
        var timeline = await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"));
        timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(
            ["CaseOpened", "ConsentGiven", "DeliveryDetailsShared", "ConsentWithdrawn", "DeliveryDetailsRevoked"]);
    }

    [Fact]
    public async Task A_consent_to_be_texted_tells_volunteers_so_and_withdrawing_it_says_it_ended()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        var consentId = Guid.NewGuid();
        var consent = SharingConsent(consentId, purpose: "SmsContact");
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", consent)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var allowed = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.HouseholdSmsContactAllowed>().SingleOrDefault(m => m.CaseId == caseId)),
            m => m is not null, "HouseholdSmsContactAllowed");
        allowed!.ConsentId.ShouldBe(consentId);
        cases.Neighbours.Received.Of<V1.DeliveryRecipientShared>().ShouldNotContain(m => m.CaseId == caseId, "texting is not sharing the details");

        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents/{consentId}/withdraw", new { reason = "不想收短信" })).EnsureSuccessStatusCode();
        var ended = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.HouseholdSmsContactEnded>().SingleOrDefault(m => m.CaseId == caseId)),
            m => m is not null, "HouseholdSmsContactEnded");
        (ended!.ConsentId, ended.Cause).ShouldBe((consentId, V1.SharingRevocationCause.ConsentWithdrawn));
        var timeline = (await Json(await Caseworker.GetAsync($"/cases/{caseId}/timeline"))).EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("kind").GetString()).ShouldBe(
            ["CaseOpened", "ConsentGiven", "SmsContactAllowed", "ConsentWithdrawn", "SmsContactEnded"]);
        timeline[^1].GetProperty("summary").GetString().ShouldBe("已停止短信联系住户（授权已撤回）。");
    }

    [Fact]
    public async Task Without_a_valid_sharing_consent_nothing_is_shared()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", SharingConsent(purpose: "Referral"))).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = "MealDelivery" })).EnsureSuccessStatusCode();

        // The need was appended after the consent: once it is published, anything shared before it would have been too.
        await Eventually.Until(() => Task.FromResult(cases.Neighbours.Received.Of<V1.NeedRaised>().Any(n => n.CaseId == caseId)), x => x, "NeedRaised");
        cases.Neighbours.Received.Of<V1.DeliveryRecipientShared>().ShouldNotContain(s => s.CaseId == caseId);
        (await EventTypesAsync(caseId)).ShouldNotContain("DeliveryDetailsShared");
    }

    [Fact]
    public async Task A_consent_expires_on_the_clock_and_revokes_what_was_shared()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", SharingConsent(validFor: TimeSpan.FromMinutes(30)))).EnsureSuccessStatusCode();
        await SharedAsync(caseId);

        cases.Clock.Advance(TimeSpan.FromMinutes(31));
        (await RevokedAsync(caseId)).Cause.ShouldBe(V1.SharingRevocationCause.ConsentExpired);
        var consent = (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("consents").EnumerateArray().Single();
        consent.GetProperty("status").GetString().ShouldBe("Expired");
        consent.GetProperty("shared").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Closing_the_case_revokes_the_sharing()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", SharingConsent())).EnsureSuccessStatusCode();
        await SharedAsync(caseId);
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "moved to a care home" })).EnsureSuccessStatusCode();
        (await RevokedAsync(caseId)).Cause.ShouldBe(V1.SharingRevocationCause.CaseClosed);
    }

    [Fact]
    public async Task Bad_consents_are_refused_precisely_and_write_nothing()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker, name: "孙小红", birthDate: "2017-04-02");
        var childCase = await cases.OpenCaseForAsync(Caseworker, household, member, group: "Child");

        var bad = await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents", new { givenBy = "Neighbour", organisations = new[] { "" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["givenBy"], ignoreOrder: true, "an unreadable enum names its field first");
        var missing = await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents", new { organisations = new[] { "" } });
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["givenBy", "purpose", "validUntil", "organisations"], ignoreOrder: true);

        var byChild = await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents", SharingConsent());
        byChild.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await byChild.Content.ReadAsStringAsync()).ShouldContain("consent.guardian-required");
        var expired = await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents",
            SharingConsent(validFor: TimeSpan.FromDays(-1), givenBy: "Guardian", guardianName: "孙建国"));
        (await expired.Content.ReadAsStringAsync()).ShouldContain("consent.already-expired");
        (await EventTypesAsync(childCase)).ShouldBe(["CaseOpened"]);

        (await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents", SharingConsent(givenBy: "Guardian", guardianName: "孙建国")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Caseworker.PostAsJsonAsync($"/cases/{Guid.NewGuid()}/consents", SharingConsent())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.PostAsJsonAsync($"/cases/{childCase}/consents/{Guid.NewGuid()}/withdraw", new { }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
