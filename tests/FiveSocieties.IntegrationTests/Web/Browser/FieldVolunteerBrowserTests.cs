using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The volunteer's phone app (/field/) in a real browser on a phone's screen (390 × 844, touch):
/// where a volunteer lands, what stays closed to them, and each page's accessibility.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldVolunteerBrowserTests(BrowserCity city) : IAsyncLifetime
{
    private const string Volunteer = "志愿者";
    private readonly List<IPage> _pages = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
    }

    private async Task<IPage> OnThePhoneAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode, phone: true);
        _pages.Add(page);
        await BrowserCity.SignInAsync(page, BrowserCity.VolunteerName, Volunteer);
        await Expect(page).ToHaveURLAsync(new Regex("/field/today$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日任务", Level = 1 })).ToBeVisibleAsync();
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));
        return page;
    }

    [Fact]
    public async Task A_volunteer_signing_in_lands_in_the_field_app_and_no_workbench_page_opens_for_them()
    {
        var page = await OnThePhoneAsync();
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "志愿者导航" });
        foreach (var tab in new[] { "今日任务", "探访", "可服务时间", "时间银行" })
            await Expect(tabs.GetByRole(AriaRole.Link, new() { Name = tab })).ToBeVisibleAsync();
        await Expect(page.GetByText("今天没有配送任务。")).ToBeVisibleAsync();

        foreach (var path in new[] { "/caseload", "/clients", "/dashboard", "/roster", $"/cases/{city.Case}" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
        }
        // The phone app's page is its own: the host answers any /field/ path with it.
        await page.GotoAsync("/field/hours");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "时间银行", Level = 1 })).ToBeVisibleAsync();
        var manifest = await page.EvaluateAsync<string>("async () => (await fetch('/field.webmanifest')).headers.get('content-type')");
        manifest.ShouldStartWith("application/manifest+json");
    }

    [Fact]
    public async Task A_caseworker_is_refused_the_field_app()
    {
        var page = await city.NewPageAsync(phone: true);
        _pages.Add(page);
        await BrowserCity.SignInAsync(page, BrowserCity.CaseworkerName, "社工");
        await page.GotoAsync("/field/today");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("这个应用只供志愿者使用。")).ToBeVisibleAsync();
    }

    public static TheoryData<string, string, bool> Pages => new()
    {
        { "today", "今日任务", false }, { "today", "今日任务", true }, { "visits", "陪伴探访", false }, { "visits", "陪伴探访", true },
        { "availability", "可服务时间", false }, { "availability", "可服务时间", true }, { "hours", "时间银行", false }, { "hours", "时间银行", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_field_page_has_no_serious_or_critical_accessibility_violations(string path, string heading, bool elderMode)
    {
        var page = await OpenAsync(path, heading, elderMode);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "field-" + path, elderMode);
    }

    [Theory]
    [InlineData("today", "今日任务", false, "field-today.zh-CN.png")]
    [InlineData("today", "今日任务", true, "field-today.elder-mode.zh-CN.png")]
    [InlineData("availability", "可服务时间", false, "field-availability.zh-CN.png")]
    [InlineData("hours", "时间银行", false, "field-hours.zh-CN.png")]
    public async Task Screenshots_of_the_phone_views(string path, string heading, bool elderMode, string file)
    {
        var page = await OpenAsync(path, heading, elderMode);
        await BrowserChecks.PhotographAsync(page, file);
    }

    private async Task<IPage> OpenAsync(string path, string heading, bool elderMode)
    {
        var page = await OnThePhoneAsync(elderMode);
        await page.GotoAsync("/field/" + path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "loading" })).ToHaveCountAsync(0);
        if (path == "hours") await Expect(page.GetByText("余额")).ToBeVisibleAsync();
        if (path == "availability") await Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存" })).ToBeVisibleAsync();
        return page;
    }
}
