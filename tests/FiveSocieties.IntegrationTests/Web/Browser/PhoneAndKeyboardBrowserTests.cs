using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The workbench on a phone's screen and without a mouse: nothing wider than the screen, the menu
/// behind a button, and the way from the top of a page to a case file by Tab and Enter alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneAndKeyboardBrowserTests(BrowserCity city) : BrowserTestClass
{
    private async Task<IPage> SignedInAsync(string name, string role, string returnUrl, bool phone, bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode, phone: phone);
        Track(page);
        await BrowserCity.SignInAsync(page, name, role, returnUrl);
        return page;
    }

    /// <summary>The page is no wider than the screen: what is wider (a table) scrolls inside itself.</summary>
    private static async Task ExpectNoSidewaysScrollAsync(IPage page, string what)
    {
        var (content, screen) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        content.ShouldBeLessThanOrEqualTo(screen, $"{what} is {content} px wide on a {screen} px screen");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_phone_the_pages_fit_the_screen_and_the_menu_opens_from_a_button(bool elderMode)
    {
        var page = await SignedInAsync(BrowserCity.CaseworkerName, "社工", "/caseload", phone: true, elderMode);
        await Expect(page.GetByText("共 1 个在办个案")).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(page, "the caseload");

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(navigation).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "打开菜单" }).ClickAsync();
        await navigation.GetByRole(AriaRole.Menuitem, new() { Name = "消息" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inbox$"));
        await Expect(navigation).ToBeHiddenAsync();

        await page.GotoAsync($"/cases/{city.Case}");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "概况" })).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(page, "the case file");
    }

    [Fact]
    public async Task On_a_phone_a_supervisor_s_dashboard_fits_the_screen()
    {
        var page = await SignedInAsync(BrowserCity.SupervisorName, "督导", "/dashboard", phone: true);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "在办个案" })).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(page, "the dashboard");
    }

    [Fact]
    public async Task From_the_top_of_the_caseload_Tab_and_Enter_alone_reach_the_case_file()
    {
        var page = await SignedInAsync(BrowserCity.CaseworkerName, "社工", "/caseload", phone: false);
        await Expect(page.GetByText("共 1 个在办个案")).ToBeVisibleAsync();

        // The first stop is the skip link; it takes the focus past the menu to the page itself.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "跳到主要内容" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();

        var caseLink = $"/cases/{city.Case}";
        for (var stop = 0; stop < 30; stop++)
        {
            if ((await FocusedHrefAsync(page))?.EndsWith(caseLink, StringComparison.Ordinal) == true) break;
            await page.Keyboard.PressAsync("Tab");
        }
        (await FocusedHrefAsync(page)).ShouldEndWith(caseLink, Case.Sensitive, "Tab never reached the case's link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(caseLink)));
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "概况" })).ToBeVisibleAsync();
    }

    private static Task<string?> FocusedHrefAsync(IPage page) =>
        page.EvaluateAsync<string?>("document.activeElement && document.activeElement.getAttribute('href')");
}
