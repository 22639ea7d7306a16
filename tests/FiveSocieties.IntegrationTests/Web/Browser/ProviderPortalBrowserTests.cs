using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using System.Text.RegularExpressions;
using FiveSocieties.IntegrationTests.EndToEnd;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The provider's portal in a real browser (issue 25): 阳光长者食堂 and 仁爱慈善会 sign in through the
/// demo sign-in as their organisations, answer referrals and keep their offers. The caseworker's cases,
/// needs and approvals are set up over the services' APIs in a district of each test's own, so no
/// other test's offers or needs meet them; what the provider does happens in the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProviderPortalBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Provider = "服务机构";
    private const string Caseworker = "社工";

    [Fact]
    public async Task A_provider_accepts_one_referral_and_declines_another_with_a_reason_and_the_caseworker_sees_both()
    {
        var place = new Story(city.City, city.Station, city.PortalCaseworker);
        var meals = "长者助餐·" + Guid.NewGuid().ToString("N")[..6];
        await place.OfferAsync(city.Canteen, "MealDelivery", meals, capacity: 5, groups: ["Elderly"]);
        var (accepted, acceptedCase) = await ApprovedReferralAsync(place);
        var (declined, declinedCase) = await ApprovedReferralAsync(place);

        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CanteenName, Provider);
        // Their home is the referrals waiting for them, each with its deadline counted down.
        await Expect(page).ToHaveURLAsync(new Regex("/provider/referrals$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "转介待办", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "转介列表" });
        var first = table.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {acceptedCase.ToString()[..8]}" });
        var second = table.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {declinedCase.ToString()[..8]}" });
        await Expect(first).ToContainTextAsync("待服务机构接受");
        await Expect(first).ToContainTextAsync(new Regex("还剩 \\d+ (天|小时|分钟)"));
        await Expect(second).ToContainTextAsync(meals);

        await first.GetByRole(AriaRole.Button, new() { Name = "接受转介" }).ClickAsync();
        await Expect(first).ToContainTextAsync("服务机构已接受");
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "开始服务" })).ToBeVisibleAsync();

        // Declining asks for a reason, next to its field, before anything is sent.
        await second.GetByRole(AriaRole.Button, new() { Name = "拒绝转介" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"拒绝转介：{meals}" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认拒绝" }).ClickAsync();
        await Expect(dialog.GetByText("请选择拒绝原因")).ToBeVisibleAsync();
        await WorkbenchSteps.ChooseAsync(page, dialog, "拒绝原因", "名额已满");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "说明（可选）" }).FillAsync("本周午餐名额已排满");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认拒绝" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        // Declined is over: it leaves the open list, and the whole list shows it so.
        await Expect(second).ToHaveCountAsync(0);
        await page.GetByLabel("转介范围").GetByText("全部", new() { Exact = true }).ClickAsync();
        await Expect(second).ToContainTextAsync("已拒绝");

        var matching = place.MatchingAs(place.Caseworker);
        (await Json(await matching.GetAsync($"/referrals/{accepted}"))).GetProperty("status").GetString().ShouldBe("Accepted");
        var refused = await Json(await matching.GetAsync($"/referrals/{declined}"));
        refused.GetProperty("status").GetString().ShouldBe("Declined");
        refused.GetProperty("declineReason").GetString().ShouldBe("NoCapacity");
        refused.GetProperty("declinedBy").GetString().ShouldBe("Provider");

        // The caseworker's workbench shows both: the two answers in the inbox, the accepted need matched on its case file.
        var caseworker = await NewPageAsync();
        await BrowserCity.SignInAsync(caseworker, BrowserCity.PortalCaseworkerName, Caseworker, "/inbox");
        await Expect(caseworker.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "转介已接受" })
            .Filter(new() { HasText = BrowserCity.CanteenName })).Not.ToHaveCountAsync(0);
        await Expect(caseworker.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "转介被拒绝" })).Not.ToHaveCountAsync(0);
        await caseworker.GotoAsync($"/cases/{acceptedCase}/needs");
        var need = caseworker.GetByRole(AriaRole.Region, new() { Name = "助餐送餐" });
        await Expect(need.GetByText("已匹配", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(need).ToContainTextAsync("服务机构已接受");
    }

    [Fact]
    public async Task An_accepted_referral_shows_the_client_s_contact_under_consent_and_otherwise_whom_to_call()
    {
        var place = new Story(city.City, city.Station, city.PortalCaseworker);
        await place.OfferAsync(city.Canteen, "MealDelivery", "长者助餐·" + Guid.NewGuid().ToString("N")[..6], capacity: 5, groups: ["Elderly"]);
        // Ms Qian consents to referrals to the canteen, named as the caseworker writes it; the other client gave no such consent.
        // (Not Ms Sun of the needs flow: the same birth date at the same address would make her a possible duplicate there.)
        var (household, member) = await place.RegisterHouseholdAsync("钱桂兰", "1943-08-21", 40.4213, 114.0917);
        var consentedCase = await place.OpenCaseForAsync(household, member, ["LivesAlone"]);
        (await place.CasesAs(place.Caseworker).PostAsJsonAsync($"/cases/{consentedCase}/consents", new
        {
            givenBy = "Client", purpose = "Referral", organisations = new[] { BrowserCity.CanteenName },
            validUntil = DateTimeOffset.UtcNow.AddDays(180),
        })).EnsureSuccessStatusCode();
        var consented = await ApprovedReferralAsync(place, consentedCase);
        var (plain, plainCase) = await ApprovedReferralAsync(place);
        foreach (var referral in new[] { consented, plain })
            (await place.MatchingAsProvider(city.Canteen).PostAsync($"/referrals/{referral}/accept", null)).EnsureSuccessStatusCode();
        var cases = city.City.ClientFor("cases", Roles.Provider, Guid.NewGuid(), provider: city.Canteen);
        await Eventually.Until(async () => await Json(await cases.GetAsync($"/referrals/{consented}/client-contact")),
            c => c.GetProperty("shared").GetBoolean(), "Cases heard of the acceptance");

        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CanteenName, Provider);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "转介列表" });
        var withConsent = table.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {consentedCase.ToString()[..8]}" });
        var withoutConsent = table.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {plainCase.ToString()[..8]}" });
        var contact = withConsent.GetByRole(AriaRole.Group, new() { Name = "服务对象联系方式" });
        await Expect(contact).ToContainTextAsync("姓名：钱桂兰");
        await Expect(contact).ToContainTextAsync("地址：南河堡村三组12号");
        await Expect(contact.GetByRole(AriaRole.Link, new() { Name = "19900001234" })).ToHaveAttributeAsync("href", "tel:19900001234");
        await Expect(withoutConsent).ToContainTextAsync($"请致电社工站{BrowserCity.StationName}，找社工{BrowserCity.PortalCaseworkerName}");
        await Expect(withoutConsent).Not.ToContainTextAsync("钱桂兰");
    }

    [Fact]
    public async Task A_provider_sees_only_its_own_referrals_and_none_of_the_stations_pages()
    {
        var place = new Story(city.City, city.Station, city.PortalCaseworker);
        var meals = "长者助餐·" + Guid.NewGuid().ToString("N")[..6];
        await place.OfferAsync(city.Canteen, "MealDelivery", meals, capacity: 5, groups: ["Elderly"]);
        var (referral, _) = await ApprovedReferralAsync(place);

        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CharityName, Provider);
        await Expect(page).ToHaveURLAsync(new Regex("/provider/referrals$"));
        await page.GetByLabel("转介范围").GetByText("全部", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "转介列表" })).ToBeVisibleAsync();
        await Expect(page.GetByText(meals)).ToHaveCountAsync(0);
        // Nor by asking for it: another provider's referral does not exist for them.
        var direct = await page.Context.APIRequest.GetAsync($"/api/matching/referrals/{referral}");
        direct.Status.ShouldBe((int)HttpStatusCode.NotFound);

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(menu.GetByRole(AriaRole.Menuitem)).ToHaveTextAsync(["转介待办", "我的资源", "服务目录", "消息", "通知设置"]);
        foreach (var path in new[] { "/caseload", "/dashboard", $"/cases/{city.Case}" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_provider_publishes_an_offer_changes_its_places_and_withdraws_it()
    {
        var title = "上门陪伴·" + Guid.NewGuid().ToString("N")[..6];
        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CharityName, Provider, "/provider/offers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的资源", Level = 1 })).ToBeVisibleAsync();

        var form = page.GetByRole(AriaRole.Form, new() { Name = "发布新资源" });
        await form.GetByRole(AriaRole.Textbox, new() { Name = "资源名称" }).FillAsync(title);
        await WorkbenchSteps.ChooseAsync(page, form, "类别", "陪伴探访");
        await form.GetByRole(AriaRole.Spinbutton, new() { Name = "名额" }).FillAsync("4");
        var districts = form.GetByRole(AriaRole.Combobox, new() { Name = "服务区县（区县代码）" });
        await districts.FillAsync(city.District);
        await districts.PressAsync("Enter");
        // A double click, as people do: one offer (the page names it with its own id).
        var published = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/matching/offers") && r.Ok);
        await form.GetByRole(AriaRole.Button, new() { Name = "发布资源" }).DblClickAsync();
        await published;

        var table = page.GetByRole(AriaRole.Table, new() { Name = "资源列表" });
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("已用 0 / 共 4（空余 4）");
        var offers = await Json(await city.City.Matching.ClientAs(BuildingBlocks.Security.Roles.Admin).GetAsync($"/offers?providerId={city.Charity}"));
        offers.EnumerateArray().Count(o => o.GetProperty("title").GetString() == title).ShouldBe(1);

        await row.GetByRole(AriaRole.Button, new() { Name = $"调整名额：{title}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"调整名额：{title}" });
        await dialog.GetByRole(AriaRole.Spinbutton, new() { Name = "新名额" }).FillAsync("7");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存名额" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("已用 0 / 共 7（空余 7）");

        await row.GetByRole(AriaRole.Button, new() { Name = $"撤回资源：{title}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤回" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByLabel("资源状态").GetByText("已撤回", new() { Exact = true }).ClickAsync();
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("已撤回");
    }

    [Fact]
    public async Task A_new_referral_reaches_the_organisations_inbox_live()
    {
        var place = new Story(city.City, city.Station, city.PortalCaseworker);
        var meals = "长者助餐·" + Guid.NewGuid().ToString("N")[..6];
        await place.OfferAsync(city.Canteen, "MealDelivery", meals, capacity: 5, groups: ["Elderly"]);

        // The canteen's person opens the inbox; from the moment the live stream answers, nothing is missed.
        var page = await NewPageAsync();
        var streamOpen = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/notifications/inbox/stream") && r.Status == 200);
        await BrowserCity.SignInAsync(page, BrowserCity.CanteenName, Provider, "/inbox");
        await streamOpen;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "消息", Level = 1 })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__fivesocNoReload = true; }");

        await ApprovedReferralAsync(place);

        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = $"新转介：{meals}", Exact = true })).ToHaveCountAsync(1);
        (await page.EvaluateAsync<bool>("() => window.__fivesocNoReload === true")).ShouldBeTrue("the page was reloaded");
    }

    [Fact]
    public async Task A_directory_import_with_bad_rows_shows_each_rows_problem_and_imports_nothing()
    {
        // Another organisation's package, with no places for its service: two rows wrong.
        var service = Guid.NewGuid();
        var package = Matching.HsdsDataPackageTests.Zip(Matching.HsdsDataPackageTests.Files(
            FiveSocieties.IntegrationTests.Matching.MatchingFixture.NewCreditCode(), Guid.NewGuid(), service, capacity: "0"));

        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CanteenName, Provider, "/provider/directory");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "服务目录（HSDS）", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "hsds.zip", MimeType = "application/zip", Buffer = package });
        await Expect(page.GetByText("已选择：hsds.zip")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "导入目录" }).ClickAsync();

        var problems = page.GetByRole(AriaRole.Table, new() { Name = "导入问题" });
        await Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"organizations\.csv row \d+") }))
            .ToContainTextAsync("服务提供方只能导入本机构的信息");
        await Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"service_capacity\.csv row \d+") })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "未导入任何内容" })).ToBeVisibleAsync();
        (await city.City.Matching.ClientAs(BuildingBlocks.Security.Roles.Admin).GetAsync($"/offers/{service}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "the provider's directory with an import's problems", elderMode: false);
        await BrowserChecks.PhotographAsync(page, "provider-directory.png");
    }

    public static TheoryData<string, bool> Pages => new()
    {
        { "referrals", false }, { "referrals", true }, { "offers", false }, { "offers", true }, { "directory", false }, { "directory", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_providers_page_has_no_serious_or_critical_accessibility_violations(string which, bool elderMode)
    {
        // A referral waiting for the canteen and an offer of theirs: the pages at their fullest.
        var place = new Story(city.City, city.Station, city.PortalCaseworker);
        var meals = "长者助餐·" + Guid.NewGuid().ToString("N")[..6];
        await place.OfferAsync(city.Canteen, "MealDelivery", meals, capacity: 5, groups: ["Elderly"]);
        await ApprovedReferralAsync(place);

        var page = await NewPageAsync(elderMode);
        await BrowserCity.SignInAsync(page, BrowserCity.CanteenName, Provider, $"/provider/{which}");
        if (which == "referrals")
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "转介列表" }).GetByRole(AriaRole.Button, new() { Name = "接受转介" }).First)
                .ToBeVisibleAsync();
        else if (which == "directory")
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "导入目录" })).ToBeVisibleAsync();
        else
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "资源列表" }).GetByRole(AriaRole.Row).Filter(new() { HasText = meals }))
                .ToHaveCountAsync(1);
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));

        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, $"the provider's {which}", elderMode);
        if (!elderMode && which != "directory") await BrowserChecks.PhotographAsync(page, $"provider-{which}.png");
    }

    /// <summary>A case with a meal need in the story's district, its referral to the canteen approved. Returns the referral and its case.</summary>
    private static async Task<(Guid Referral, Guid Case)> ApprovedReferralAsync(Story place)
    {
        var caseId = await place.OpenCaseAsync(place.Caseworker, "Elderly", ["LivesAlone"]);
        return (await ApprovedReferralAsync(place, caseId), caseId);
    }

    /// <summary>A meal need on the given case; Matching proposes the canteen and the caseworker approves it. Returns the referral.</summary>
    private static async Task<Guid> ApprovedReferralAsync(Story place, Guid caseId)
    {
        var need = await place.RaiseNeedAsync(place.Caseworker, caseId, "MealDelivery", "Soon", "Daily");
        var proposed = await place.ReferralAsync(place.Caseworker, need, r => r.GetProperty("status").GetString() == "AwaitingApproval", "the canteen proposed");
        var id = proposed.GetProperty("id").GetGuid();
        (await place.MatchingAs(place.Caseworker).PostAsync($"/referrals/{id}/approve", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<IPage> NewPageAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        return page;
    }
}
