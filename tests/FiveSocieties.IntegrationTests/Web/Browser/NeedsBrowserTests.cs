using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.IntegrationTests.EndToEnd;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The case file's needs tab and the referral loop in a real browser (DESIGN §4 flows A and C), as
/// 周社工 works them: providers and offers are set up over the services' APIs, in a district of each
/// test's own so no other test's offers or needs meet them; what the caseworker does and sees happens
/// in the page (in flow A from the household's registration on, through <see cref="WorkbenchSteps"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NeedsBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Caseworker = "社工";

    [Fact]
    public async Task Flow_A_a_meal_need_raised_in_the_page_is_referred_approved_from_the_inbox_and_matched()
    {
        var place = new Story(city.City, city.Station, city.NeedsCaseworker);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var canteen = await place.RegisterProviderAsync("新华街道长者食堂" + suffix, "Canteen");
        var meals = "长者食堂助餐送餐·" + suffix;
        await place.OfferAsync(canteen, "MealDelivery", meals, capacity: 2, groups: ["Elderly"], 40.421, 114.090);

        // The caseworker signs in; from the moment the live stream answers, nothing is missed.
        var page = await NewPageAsync();
        var streamOpen = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/notifications/inbox/stream") && r.Status == 200);
        await BrowserCity.SignInAsync(page, BrowserCity.NeedsCaseworkerName, Caseworker);
        await streamOpen;

        // She registers Ms Sun's household on its page, where her home is (for the nearby canteen) ...
        // A number of her own: the city's other households (the portal's clients) have 19900001234, and the same
        // phone is a possible duplicate wherever it is registered first.
        var msSunOnPage = new MemberOnPage("孙秀英", "本人（户主）", "女", "1945-03-12", Phone: $"1980{Random.Shared.Next(0, 10_000_000):D7}");
        var registered = await WorkbenchSteps.RegisterHouseholdAsync(page, new HouseholdOnPage(
            "南河堡村三组12号", place.District, place.District + "001", "南河堡村", "G-01", [msSunOnPage], 40.4213, 114.0917));
        registered.GetProperty("possibleDuplicates").GetArrayLength().ShouldBe(0);

        // ... opens her case from there, and lands on her case file ...
        var msSun = await WorkbenchSteps.OpenCaseAsync(page, "孙秀英", "老年人", ["空巢", "独居", "高龄"]);
        (await Json(await place.CasesAs(place.Caseworker).GetAsync($"/cases/{msSun}"))).GetProperty("client").GetProperty("householdId").GetGuid()
            .ShouldBe(registered.GetProperty("householdId").GetGuid());

        // ... and assesses her: she needs a little help with eating, the rest she does herself.
        await WorkbenchSteps.AssessAsync(page, [("进食", "需部分帮助（5 分）")], "认知正常", "独居", "积极参与", "1 级 · 轻度失能");

        await page.GetByRole(AriaRole.Tab, new() { Name = "需求" }).ClickAsync();
        await Expect(page.GetByText("尚未提出任何需求")).ToBeVisibleAsync();
        await MarkTheDocumentAsync(page);
        var unreadBefore = await UnreadAsync(page);

        // She needs a meal every day: the caseworker raises it in the form.
        var form = page.GetByRole(AriaRole.Form, new() { Name = "提出需求" });
        await ChooseAsync(page, form, "需求类别", "助餐送餐");
        await ChooseAsync(page, form, "紧急程度", "较急");
        await ChooseAsync(page, form, "频次", "每天");
        await form.GetByRole(AriaRole.Button, new() { Name = "提出需求" }).ClickAsync();

        var need = page.GetByRole(AriaRole.Region, new() { Name = "助餐送餐" });
        await Expect(need).ToContainTextAsync("待匹配");
        var needId = await NeedIdAsync(msSun, "MealDelivery");

        // The canteen is among the candidates.
        var row = need.GetByRole(AriaRole.Table, new() { Name = "助餐送餐的候选资源" }).GetByRole(AriaRole.Row).Filter(new() { HasText = meals });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("新华街道长者食堂" + suffix);

        // Matching proposes it: the tab and the inbox badge show it live, without a reload.
        await Expect(need).ToContainTextAsync("待社工审批");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"消息，{unreadBefore + 1} 条未读", Exact = true })).ToBeVisibleAsync();

        // The canteen's reasons, as Matching gives them to the caseworker in the reader's language (asked once
        // the proposal is in, as the tab asks again then).
        var reasons = await CandidateReasonsAsync(needId, meals);
        reasons.ShouldNotBeEmpty();
        reasons.ShouldAllBe(reason => reason.Any(c => c >= '\u4e00' && c <= '\u9fff'), "the reasons in Chinese");
        foreach (var reason in reasons) await Expect(row.GetByRole(AriaRole.Listitem).Filter(new() { HasText = reason })).ToHaveCountAsync(1);

        // In the inbox the proposal carries its own buttons: approve it there.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^消息") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inbox$"));
        var proposal = page.GetByRole(AriaRole.Listitem, new() { Name = $"转介待审批：{meals}", Exact = true });
        await Expect(proposal).ToContainTextAsync("待社工审批");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "批准转介" }).ClickAsync();
        await Expect(proposal).ToContainTextAsync("待服务机构接受");
        await Expect(proposal.GetByRole(AriaRole.Button, new() { Name = "批准转介" })).ToHaveCountAsync(0);

        // Back on her case file, the canteen accepts over the API: the need turns Matched before her eyes.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{msSun}/needs$"));
        await Expect(need).ToContainTextAsync("待服务机构接受");
        var referral = (await Json(await place.MatchingAs(place.Caseworker).GetAsync($"/referrals?needId={needId}"))).EnumerateArray().Single();
        referral.GetProperty("status").GetString().ShouldBe("AwaitingAcceptance");
        (await place.MatchingAsProvider(canteen).PostAsync($"/referrals/{referral.GetProperty("id").GetGuid()}/accept", null)).EnsureSuccessStatusCode();

        await Expect(need.GetByText("已匹配", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(need).ToContainTextAsync("服务机构已接受");
        await Expect(need.GetByRole(AriaRole.Table, new() { Name = "助餐送餐的候选资源" })).ToHaveCountAsync(0); // a matched need lists no candidates

        // The case's timeline tells it in Chinese.
        await page.GetByRole(AriaRole.Tab, new() { Name = "时间线" }).ClickAsync();
        await Expect(page.GetByText("需求已匹配：服务方接受了转介。")).ToBeVisibleAsync();
        await ExpectNoReloadAsync(page);
    }

    [Fact]
    public async Task Flow_C_a_new_tutoring_offer_reaches_the_caseworker_of_fitting_children_in_one_notification()
    {
        var place = new Story(city.City, city.Station, city.NeedsCaseworker);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        // Two children on 周社工's caseload need tutoring; Matching must know the needs before the offer comes.
        var children = new[]
        {
            await place.OpenCaseAsync(place.Caseworker, "Child", ["LeftBehind"]),
            await place.OpenCaseAsync(place.Caseworker, "Child", ["LeftBehind", "ChildInDifficulty"]),
        };
        foreach (var child in children)
        {
            var need = await place.RaiseNeedAsync(place.Caseworker, child, "Tutoring", "Routine", "Weekly");
            await Eventually.Until(async () => (await place.MatchingAs(place.Caseworker).GetAsync($"/needs/{need}/candidates")).IsSuccessStatusCode,
                known => known, $"need {need} known to Matching");
        }

        var page = await NewPageAsync();
        var streamOpen = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/notifications/inbox/stream") && r.Status == 200);
        await BrowserCity.SignInAsync(page, BrowserCity.NeedsCaseworkerName, Caseworker, "/inbox");
        await streamOpen;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "消息", Level = 1 })).ToBeVisibleAsync();
        await MarkTheDocumentAsync(page);

        var charity = await place.RegisterProviderAsync("新华街道慈善协会" + suffix, "Charity");
        var tutoring = "留守儿童课业辅导·" + suffix;
        await place.OfferAsync(charity, "Tutoring", tutoring, capacity: 10, groups: ["Child"]);

        // The resource comes once, naming both children's cases; then each need's own proposal follows.
        var resource = page.GetByRole(AriaRole.Listitem, new() { Name = $"新资源匹配：{tutoring}", Exact = true });
        await Expect(resource).ToHaveCountAsync(1);
        await Expect(resource).ToContainTextAsync("新华街道慈善协会" + suffix);
        await Expect(resource).ToContainTextAsync("2 个需求");
        foreach (var child in children) await Expect(resource).ToContainTextAsync(child.ToString());
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = $"转介待审批：{tutoring}", Exact = true })).ToHaveCountAsync(2);
        // Once: after the proposals, still the one resource message.
        await Expect(resource).ToHaveCountAsync(1);
        NotificationsNaming(await Json(await place.InboxOf(place.Caseworker).GetAsync("/inbox?pageSize=100")), "resource-matched", tutoring).ShouldBe(1);
        await ExpectNoReloadAsync(page);
    }

    public static TheoryData<string, bool> Pages => new() { { "needs", false }, { "needs", true }, { "inbox", false }, { "inbox", true } };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string which, bool elderMode)
    {
        // A need with its candidates and a proposal waiting for approval: the tab and the inbox at their fullest.
        var place = new Story(city.City, city.Station, city.NeedsCaseworker);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var canteen = await place.RegisterProviderAsync("新华街道长者食堂" + suffix, "Canteen");
        var meals = "长者食堂助餐送餐·" + suffix;
        await place.OfferAsync(canteen, "MealDelivery", meals, capacity: 2, groups: ["Elderly"]);
        var caseId = await place.OpenCaseAsync(place.Caseworker, "Elderly", ["LivesAlone"]);
        var need = await place.RaiseNeedAsync(place.Caseworker, caseId, "MealDelivery", "Soon", "Daily");
        await Eventually.Until(async () => await Json(await place.MatchingAs(place.Caseworker).GetAsync($"/referrals?needId={need}")),
            list => list.GetArrayLength() == 1, "the canteen proposed");

        var page = await NewPageAsync(elderMode);
        if (which == "needs")
        {
            await BrowserCity.SignInAsync(page, BrowserCity.NeedsCaseworkerName, Caseworker, $"/cases/{caseId}/needs");
            var region = page.GetByRole(AriaRole.Region, new() { Name = "助餐送餐" });
            await Expect(region.GetByRole(AriaRole.Row).Filter(new() { HasText = meals })).ToHaveCountAsync(1);
            await Expect(region.GetByRole(AriaRole.Button, new() { Name = "批准转介" })).ToBeVisibleAsync();
        }
        else
        {
            await BrowserCity.SignInAsync(page, BrowserCity.NeedsCaseworkerName, Caseworker, "/inbox");
            await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = $"转介待审批：{meals}", Exact = true })
                .GetByRole(AriaRole.Button, new() { Name = "批准转介" })).ToBeVisibleAsync();
        }
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));

        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, which, elderMode);
    }


    private async Task<IPage> NewPageAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        return page;
    }

    /// <summary>Picks an option of an antd select by its label, as a person would with the mouse.</summary>
    private static async Task ChooseAsync(IPage page, ILocator form, string field, string option)
    {
        await form.GetByRole(AriaRole.Combobox, new() { Name = field }).ClickAsync();
        await page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").GetByTitle(option, new() { Exact = true }).ClickAsync();
        await Expect(form.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Combobox, new() { Name = field }) }))
            .ToContainTextAsync(option);
    }

    /// <summary>A mark on the document: gone after any reload, so its presence proves everything came live.</summary>
    private static Task MarkTheDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__fivesocNoReload = true; }");

    private static async Task ExpectNoReloadAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.__fivesocNoReload === true")).ShouldBeTrue("the page was reloaded");

    private static async Task<int> UnreadAsync(IPage page)
    {
        var inbox = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^消息") });
        await Expect(inbox).ToBeVisibleAsync();
        return Regex.Match(await inbox.GetAttributeAsync("aria-label") ?? "", @"(\d+) 条未读") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
    }

    private async Task<Guid> NeedIdAsync(Guid caseId, string category)
    {
        var file = await Json(await city.City.Cases.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station).GetAsync($"/cases/{caseId}"));
        return file.GetProperty("needs").EnumerateArray().Single(n => n.GetProperty("category").GetString() == category).GetProperty("id").GetGuid();
    }

    /// <summary>The reasons Matching gives the caseworker, in Chinese, for one candidate offer of a need.</summary>
    private async Task<IReadOnlyList<string>> CandidateReasonsAsync(Guid needId, string offerTitle)
    {
        var matching = city.City.Matching.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);
        matching.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var candidates = await Json(await matching.GetAsync($"/needs/{needId}/candidates"));
        return candidates.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("title").GetString() == offerTitle)
            .GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();
    }

    private static int NotificationsNaming(JsonElement inbox, string rule, string naming) =>
        inbox.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("rule").GetString() == rule && i.GetProperty("title").GetString()!.Contains(naming));
}
