using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// Finding a client (/clients) in a real browser: by full name, ID number and phone, each kind shown
/// as it is typed, then on to the client's open case. Each test registers a person of its own, whose
/// case goes to a caseworker nobody signs in as, so the caseloads the other tests count stay as they were.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientSearchBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Caseworker = "社工";
    private const string Supervisor = "督导";
    private const string QueryLabel = "姓名、身份证号码或电话";

    private async Task<IPage> SignedInAsync(string name, string role, bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        await BrowserCity.SignInAsync(page, name, role);
        return page;
    }

    private sealed record Client(string Name, string IdNumber, string Phone, Guid CaseId);

    /// <summary>A person only this test knows, registered in the station with an open case.</summary>
    private async Task<Client> RegisterClientWithCaseAsync()
    {
        var digits = Guid.NewGuid().ToString("N").Select(c => Convert.ToInt32(c.ToString(), 16) % 10).ToArray();
        // Three characters after the surname: with two, two clients of one run shared a name about once in thirty runs.
        var name = "钱" + string.Concat(digits[..3].Select(d => (char)('甲' + d)));
        var idNumber = ResidentIdNumber.WithCheckDigit("1402221944" + string.Concat(digits[3..10]));
        var phone = "137" + string.Concat(digits[10..18]);
        var staff = city.City.Cases.ClientAs(Roles.Supervisor, Guid.NewGuid(), city.Station);
        var memberId = Guid.NewGuid();
        var registered = await HttpJson.Json(await staff.PostAsJsonAsync("/households", new
        {
            address = "新华街道幸福里3号",
            location = new { district = city.District, township = city.District + "001", community = "幸福里社区", grid = "G-03" },
            members = new[] { new { memberId, name, relationToHead = "Self", gender = "Male", birthDate = "1944-06-01", idNumber, phone } },
        }));
        var caseId = Guid.NewGuid();
        (await staff.PostAsJsonAsync("/cases", new
        {
            caseId, stationId = city.Station, caseworkerId = Guid.NewGuid(), clientGroup = "Elderly", categories = new[] { "EmptyNest" },
            location = new { district = city.District, township = city.District + "001", grid = "G-03" },
            client = new { householdId = registered.GetProperty("householdId").GetGuid(), memberId },
        })).EnsureSuccessStatusCode();
        return new Client(name, idNumber, phone, caseId);
    }

    private static ILocator Query(IPage page) => page.GetByRole(AriaRole.Search, new() { Name = "查找本站服务对象" }).GetByLabel(QueryLabel);

    private static async Task SearchAsync(IPage page, string text, string kind)
    {
        await Query(page).FillAsync(text);
        await Expect(page.GetByText($"按{kind}查找", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
    }

    private static ILocator Results(IPage page) => page.GetByRole(AriaRole.Table, new() { Name = "查找结果" });

    [Fact]
    public async Task A_caseworker_finds_a_client_by_name_ID_number_and_phone_and_opens_their_case()
    {
        var client = await RegisterClientWithCaseAsync();
        var page = await SignedInAsync(BrowserCity.CaseworkerName, Caseworker);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "查找服务对象" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "查找服务对象", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("输入姓名、身份证号码或电话号码，查找本站的服务对象。")).ToBeVisibleAsync();

        var shortCase = client.CaseId.ToString()[..8];
        foreach (var (text, kind) in new[]
        {
            (client.Name, "姓名"),
            (client.IdNumber, "身份证号码"),
            ($"+86 {client.Phone[..3]} {client.Phone[3..7]} {client.Phone[7..]}", "电话号码"),
        })
        {
            await SearchAsync(page, text, kind);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"查找结果（按{kind}）", Level = 2 })).ToBeVisibleAsync();
            var row = Results(page).GetByRole(AriaRole.Row).Filter(new() { HasText = client.Name });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("男");
            await Expect(row).ToContainTextAsync("老年人");
            await Expect(row).ToContainTextAsync("空巢");
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"打开 {client.Name} 的个案 {shortCase}" })).ToBeVisibleAsync();
        }

        await Results(page).GetByRole(AriaRole.Link, new() { Name = $"打开 {client.Name} 的个案 {shortCase}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{client.CaseId}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"个案 {shortCase}", Level = 1 })).ToBeVisibleAsync();

        // Back to the search as it was: the query is in the history entry, never in the address.
        await page.GoBackAsync();
        await Expect(Results(page).GetByRole(AriaRole.Row).Filter(new() { HasText = client.Name })).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
        await page.GoBackAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "查找结果（按身份证号码）", Level = 2 })).ToBeVisibleAsync();
        await Expect(Query(page)).ToHaveValueAsync(client.IdNumber);
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
    }

    [Fact]
    public async Task Nobody_found_says_so_and_too_short_a_query_is_refused_beside_the_box()
    {
        var page = await SignedInAsync(BrowserCity.SupervisorName, Supervisor);
        await page.GotoAsync("/clients");
        var requests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/cases/clients")) Interlocked.Increment(ref requests);
        };

        await Query(page).FillAsync("王");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await Expect(page.GetByText("请至少输入 2 个字符：完整姓名、身份证号码或电话号码。")).ToBeVisibleAsync();
        await Expect(Query(page)).ToHaveAttributeAsync("aria-invalid", "true");
        requests.ShouldBe(0, "refused before asking the service");

        await SearchAsync(page, "查无此人", "姓名");
        await Expect(page.GetByText("本站没有与“查无此人”匹配的服务对象。")).ToBeVisibleAsync();
        requests.ShouldBe(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_search_page_with_results_has_no_serious_or_critical_accessibility_violations(bool elderMode)
    {
        var client = await RegisterClientWithCaseAsync();
        var page = await SignedInAsync(BrowserCity.CaseworkerName, Caseworker, elderMode);
        await page.GotoAsync("/clients");
        await SearchAsync(page, client.Name, "姓名");
        await Expect(Results(page).GetByRole(AriaRole.Row).Filter(new() { HasText = client.Name })).ToHaveCountAsync(1);
        await Query(page).FillAsync(client.Phone);
        await Expect(page.GetByText("按电话号码查找", new() { Exact = true })).ToBeVisibleAsync();
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));

        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "/clients", elderMode);
    }
}
