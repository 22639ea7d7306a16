using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// Registering a household (/households/new) in a real browser, as 周社工 does it: the members, the ID
/// number's check character, the server's field errors, the duplicate warning and its merge, and a
/// case opened for a member. Cases go on 周社工's caseload (李社工's, which other tests count, stays
/// as it was); every household has an address and ID numbers of its own, so no test's duplicates
/// meet another's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HouseholdsBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Caseworker = "社工";

    private HttpClient CaseworkerApi => city.City.Cases.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);

    private async Task<IPage> SignedInAsync(bool elderMode = false, string returnUrl = "/")
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.NeedsCaseworkerName, Caseworker, returnUrl);
        return page;
    }

    /// <summary>A resident ID number nobody else in the run has, with its right check character.</summary>
    // A sequence, not a random draw: two tests of a run drawing the same number for one birth date
    // would find each other's household as a duplicate (1 in 1,000 per pair, seen in a full run).
    private static int _idSequence = Random.Shared.Next(0, 1000);

    private static string NewIdNumber(string birthDate) =>
        ResidentIdNumber.WithCheckDigit("971001" + birthDate.Replace("-", "") + (Interlocked.Increment(ref _idSequence) % 1000).ToString("D3"));

    private HouseholdOnPage Household(string suffix, params MemberOnPage[] members) =>
        new($"南河堡村三组{suffix}号", city.District, city.District + "001", "南河堡村", "G-01", members);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>How many households the station has (merged ones are left off the list).</summary>
    private async Task<long> HouseholdsAsync() =>
        (await Json(await CaseworkerApi.GetAsync($"/households?stationId={city.Station}&pageSize=1"))).GetProperty("total").GetInt64();

    [Fact]
    public async Task A_household_registered_with_a_double_click_is_registered_once_and_a_case_opened_for_a_member_lands_on_its_file()
    {
        var suffix = Suffix();
        var grandmother = new MemberOnPage("孙秀英" + suffix, "本人（户主）", "女", "1945-03-12", NewIdNumber("1945-03-12"), $"1980{Random.Shared.Next(0, 10_000_000):D7}");
        var grandson = new MemberOnPage("孙小明" + suffix, "孙子女/外孙子女", "男", "2016-09-01");
        var before = await HouseholdsAsync();
        var page = await SignedInAsync();
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/cases/households")) Interlocked.Increment(ref posts);
        };

        var registered = await WorkbenchSteps.RegisterHouseholdAsync(page, Household(suffix, grandmother, grandson));

        var householdId = registered.GetProperty("householdId").GetGuid();
        registered.GetProperty("possibleDuplicates").GetArrayLength().ShouldBe(0);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "家庭已登记" })).ToContainTextAsync("共 2 位成员");
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = grandmother.Name })).ToContainTextAsync(grandmother.IdNumber!);
        var household = await Json(await CaseworkerApi.GetAsync($"/households/{householdId}"));
        household.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe([grandmother.Name, grandson.Name]);
        var head = household.GetProperty("members")[0];
        head.GetProperty("idNumber").GetString().ShouldBe(grandmother.IdNumber);
        head.GetProperty("birthDate").GetString().ShouldBe("1945-03-12");
        head.GetProperty("relationToHead").GetString().ShouldBe("Self");
        household.GetProperty("location").GetProperty("district").GetString().ShouldBe(city.District);
        (await HouseholdsAsync()).ShouldBe(before + 1, $"a double click ({posts} requests) registers one household");

        var caseId = await WorkbenchSteps.OpenCaseAsync(page, grandmother.Name, "老年人", ["空巢", "高龄"]);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(grandmother.Name);
        var file = await Json(await CaseworkerApi.GetAsync($"/cases/{caseId}"));
        file.GetProperty("caseworkerId").GetGuid().ShouldBe(city.NeedsCaseworker);
        file.GetProperty("client").GetProperty("householdId").GetGuid().ShouldBe(householdId);
        file.GetProperty("client").GetProperty("memberId").GetGuid().ShouldBe(registered.GetProperty("memberIds")[0].GetGuid());
        file.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["EmptyNest", "AdvancedAge"]);
        file.GetProperty("location").GetProperty("grid").GetString().ShouldBe("G-01");
        var caseload = await Json(await CaseworkerApi.GetAsync($"/caseworkers/{city.NeedsCaseworker}/caseload"));
        caseload.GetProperty("cases").EnumerateArray().Count(c => c.GetProperty("caseId").GetGuid() == caseId).ShouldBe(1, "a double click opens one case");
    }

    [Fact]
    public async Task A_supervisor_registers_a_household_and_opens_a_case_naming_the_caseworker()
    {
        var suffix = Suffix();
        var page = await city.NewPageAsync();
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.SupervisorName, "督导");
        var child = new MemberOnPage("刘小雨" + suffix, "本人（户主）", "女", "2015-06-01");

        await WorkbenchSteps.RegisterHouseholdAsync(page, Household(suffix, child));
        var caseId = await WorkbenchSteps.OpenCaseAsync(page, child.Name, "儿童", ["留守"], caseworker: BrowserCity.NeedsCaseworkerName);

        var file = await Json(await CaseworkerApi.GetAsync($"/cases/{caseId}"));
        file.GetProperty("caseworkerId").GetGuid().ShouldBe(city.NeedsCaseworker);
        file.GetProperty("clientGroup").GetString().ShouldBe("Child");
        file.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["LeftBehind"]);
    }

    [Fact]
    public async Task A_wrong_check_character_is_shown_by_the_ID_number_as_it_is_typed_and_nothing_is_sent()
    {
        var page = await SignedInAsync();
        var form = await WorkbenchSteps.OpenRegistrationAsync(page);
        var suffix = Suffix();
        var right = NewIdNumber("1950-01-02");
        var wrong = right[..17] + (right[17] == '0' ? '1' : '0');
        await WorkbenchSteps.FillHouseholdAsync(page, form, Household(suffix,
            new MemberOnPage("赵德明" + suffix, "本人（户主）", "男", "1950-01-02", IdNumber: right[..17])));
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/cases/households")) Interlocked.Increment(ref posts);
        };

        // The 18th character typed: the message is there before anything is sent, naming the right one.
        var idNumber = WorkbenchSteps.Member(form, 1).GetByRole(AriaRole.Textbox, new() { Name = "身份证号" });
        await idNumber.PressAsync("End");
        await idNumber.PressSequentiallyAsync(wrong[17..]);
        // The field's form item (its label, input and the message under it); the inner locator is relative to it.
        var idItem = form.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = "身份证号" }) });
        var checkMessage = idItem.Locator(".ant-form-item-explain-error").Filter(new() { HasText = "校验位" });
        await Expect(checkMessage).ToHaveTextAsync($"身份证号校验位不符，请核对（按前 17 位，最后一位应为 {right[17]}）");
        await Expect(idNumber).ToHaveAttributeAsync("aria-invalid", "true");

        await form.GetByRole(AriaRole.Button, new() { Name = "登记家庭" }).ClickAsync();
        await Expect(checkMessage).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^已登记家庭") })).ToHaveCountAsync(0);

        // Mended, the message goes.
        await idNumber.PressAsync("End");
        await idNumber.PressAsync("Backspace");
        await idNumber.PressSequentiallyAsync(right[17..]);
        await Expect(idItem.Locator(".ant-form-item-explain-error")).ToHaveCountAsync(0);
        posts.ShouldBe(0);
    }

    [Fact]
    public async Task The_server_s_field_error_shows_by_its_member_s_field_and_nothing_is_written()
    {
        // The picker lets a person choose any past day; the service keeps birth dates within 130 years.
        const string tooLongAgo = "1880-05-01";
        var suffix = Suffix();
        var serversError = await ServersFieldErrorAsync("members[0].birthDate", new
        {
            householdId = Guid.NewGuid(), address = "测试地址" + suffix,
            location = new { district = city.District, township = city.District + "001", community = "南河堡村", grid = "G-01" },
            members = new[] { new { memberId = Guid.NewGuid(), name = "钱一百", relationToHead = "Self", gender = "Male", birthDate = tooLongAgo } },
        });
        var before = await HouseholdsAsync();
        var page = await SignedInAsync();
        var form = await WorkbenchSteps.OpenRegistrationAsync(page);
        await WorkbenchSteps.FillHouseholdAsync(page, form, Household(suffix, new MemberOnPage("钱一百" + suffix, "本人（户主）", "男", tooLongAgo)));

        await form.GetByRole(AriaRole.Button, new() { Name = "登记家庭" }).ClickAsync();

        var birthDate = WorkbenchSteps.Member(form, 1).GetByLabel("出生日期");
        var birthItem = form.Locator(".ant-form-item").Filter(new() { Has = page.GetByLabel("出生日期") });
        await Expect(birthItem.Locator(".ant-form-item-explain-error")).ToHaveTextAsync(serversError);
        await Expect(birthDate).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "登记家庭" })).ToBeEnabledAsync();
        (await HouseholdsAsync()).ShouldBe(before);

        // Put right, the same form registers the household.
        await WorkbenchSteps.TypeDateAsync(birthDate, "1940-05-01");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记家庭" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^已登记家庭") })).ToBeVisibleAsync();
        (await HouseholdsAsync()).ShouldBe(before + 1);
    }

    /// <summary>What the service says about <paramref name="field"/> for this body, in Chinese (the browser's language): what the page must show.</summary>
    private async Task<string> ServersFieldErrorAsync(string field, object body)
    {
        var caseworker = CaseworkerApi;
        caseworker.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        using var refused = await caseworker.PostAsJsonAsync("/households", body);
        ((int)refused.StatusCode).ShouldBe(400);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Single(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
            .Value[0].GetString()!;
    }

    /// <summary>A household of the station registered over the API with one member: the person the page will meet again.</summary>
    private async Task<(Guid Household, Guid Member)> AlreadyRegisteredAsync(string name, string birthDate, string idNumber)
    {
        var memberId = Guid.NewGuid();
        var registered = await Json(await CaseworkerApi.PostAsJsonAsync("/households", new
        {
            address = "旧登记地址" + Suffix(),
            location = new { district = city.District, township = city.District + "001", community = "南河堡村", grid = "G-02" },
            members = new[] { new { memberId, name, relationToHead = "Self", gender = "Female", birthDate, idNumber } },
        }));
        return (registered.GetProperty("householdId").GetGuid(), memberId);
    }

    [Fact]
    public async Task A_person_registered_before_is_flagged_by_their_member_and_the_new_household_merges_into_theirs()
    {
        var suffix = Suffix();
        var idNumber = NewIdNumber("1938-11-20");
        var (existing, existingMember) = await AlreadyRegisteredAsync("周桂兰" + suffix, "1938-11-20", idNumber);
        var page = await SignedInAsync();

        var registered = await WorkbenchSteps.RegisterHouseholdAsync(page, Household(suffix,
            new MemberOnPage("李建国" + suffix, "本人（户主）", "男", "1966-04-02"),
            new MemberOnPage("周桂兰" + suffix, "父母", "女", "1938-11-20", idNumber)));
        var householdId = registered.GetProperty("householdId").GetGuid();

        // The warning stands by her, not by her son; it names the household she is in already.
        var mother = page.GetByRole(AriaRole.Listitem, new() { Name = "周桂兰" + suffix });
        var warning = mother.GetByRole(AriaRole.Alert);
        await Expect(warning).ToContainTextAsync($"周桂兰{suffix} 可能已登记");
        await Expect(warning).ToContainTextAsync($"身份证号与家庭 {existing.ToString()[..8]} 中的一位成员相同。");
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "李建国" + suffix }).GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // Merging asks first; cancelled, nothing happens.
        await warning.GetByRole(AriaRole.Button, new() { Name = $"合并到家庭 {existing.ToString()[..8]}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "合并重复登记的家庭" });
        await Expect(confirm).ToContainTextAsync("合并后不能撤销");
        // antd spaces out a two-character button's text ("取 消").
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^取\s?消$") }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        MergedInto(await Json(await CaseworkerApi.GetAsync($"/households/{householdId}"))).ShouldBeNull();

        await warning.GetByRole(AriaRole.Button, new() { Name = $"合并到家庭 {existing.ToString()[..8]}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "合并重复登记的家庭" }).GetByRole(AriaRole.Button, new() { Name = "确认合并" }).ClickAsync();

        await Expect(mother).ToContainTextAsync($"已合并到家庭 {existing.ToString()[..8]}：开案将使用已登记的记录。");
        await Expect(mother.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var kept = await Json(await CaseworkerApi.GetAsync($"/households/{existing}"));
        kept.GetProperty("absorbed").EnumerateArray().Select(a => a.GetGuid()).ShouldBe([householdId]);
        MergedInto(await Json(await CaseworkerApi.GetAsync($"/households/{householdId}"))).ShouldBe(existing);

        // Her case opens on the record registered first, which has her history.
        var caseId = await WorkbenchSteps.OpenCaseAsync(page, "周桂兰" + suffix, "老年人", ["独居"]);
        var client = (await Json(await CaseworkerApi.GetAsync($"/cases/{caseId}"))).GetProperty("client");
        client.GetProperty("householdId").GetGuid().ShouldBe(existing);
        client.GetProperty("memberId").GetGuid().ShouldBe(existingMember);
    }

    /// <summary>The household this one was merged into (the service leaves a null out).</summary>
    private static Guid? MergedInto(JsonElement household) =>
        household.TryGetProperty("mergedInto", out var into) && into.ValueKind != JsonValueKind.Null ? into.GetGuid() : null;

    public static TheoryData<string, bool> Pages => new() { { "form", false }, { "form", true }, { "registered", false }, { "registered", true } };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string which, bool elderMode)
    {
        var page = await OpenAsync(which, elderMode);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, which, elderMode);
    }

    /// <summary>
    /// The page at its fullest: the form with a wrong ID number and a second member, or the registered
    /// household with a duplicate warning and the case dialog's button.
    /// </summary>
    private async Task<IPage> OpenAsync(string which, bool elderMode)
    {
        var page = await SignedInAsync(elderMode);
        var suffix = Suffix();
        if (which == "form")
        {
            var form = await WorkbenchSteps.OpenRegistrationAsync(page);
            await form.GetByRole(AriaRole.Button, new() { Name = "添加成员" }).ClickAsync();
            var idNumber = WorkbenchSteps.Member(form, 1).GetByRole(AriaRole.Textbox, new() { Name = "身份证号" });
            var right = NewIdNumber("1950-01-02");
            await idNumber.FillAsync(right[..17] + (right[17] == '0' ? '1' : '0'));
            await Expect(idNumber).ToHaveAttributeAsync("aria-invalid", "true");
        }
        else
        {
            var idNumber = NewIdNumber("1941-07-07");
            await AlreadyRegisteredAsync("吴玉珍" + suffix, "1941-07-07", idNumber);
            await WorkbenchSteps.RegisterHouseholdAsync(page, Household(suffix, new MemberOnPage("吴玉珍" + suffix, "本人（户主）", "女", "1941-07-07", idNumber)));
            await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "吴玉珍" + suffix }).GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));
        return page;
    }

    [Fact]
    public async Task Screenshot_for_the_docs()
    {
        var page = await SignedInAsync();
        var form = await WorkbenchSteps.OpenRegistrationAsync(page);
        // A head of household filled in, and a second member whose ID number is mistyped: what the page is for.
        await WorkbenchSteps.FillMemberAsync(page, WorkbenchSteps.Member(form, 1),
            new MemberOnPage("孙秀英", "本人（户主）", "女", "1945-03-12", ResidentIdNumber.WithCheckDigit("97100119450312002")));
        await form.GetByRole(AriaRole.Button, new() { Name = "添加成员" }).ClickAsync();
        await WorkbenchSteps.Member(form, 2).GetByRole(AriaRole.Textbox, new() { Name = "姓名" }).FillAsync("孙小明");
        var wrong = ResidentIdNumber.WithCheckDigit("97100120160901003");
        await WorkbenchSteps.Member(form, 2).GetByRole(AriaRole.Textbox, new() { Name = "身份证号" }).FillAsync(wrong[..17] + (wrong[17] == '0' ? '1' : '0'));
        await form.GetByRole(AriaRole.Textbox, new() { Name = "家庭住址" }).FillAsync("南河堡村三组12号");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "社区（村）" }).FillAsync("南河堡村");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "网格" }).FillAsync("G-01");
        await Expect(form.GetByText(new Regex("身份证号校验位不符"))).ToBeVisibleAsync();

        await BrowserChecks.PhotographAsync(page, "register-household.zh-CN.png");
    }

}
