using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>A member as the registration page asks for them, in the page's own (Chinese) words.</summary>
public sealed record MemberOnPage(
    string Name, string Relation, string Gender, string BirthDate, string? IdNumber = null, string? Phone = null);

/// <summary>A household as the registration page asks for it.</summary>
public sealed record HouseholdOnPage(
    string Address, string District, string Township, string Community, string Grid, IReadOnlyList<MemberOnPage> Members,
    double? Latitude = null, double? Longitude = null);

/// <summary>
/// What a caseworker does on the workbench's pages, step by step, as a person would (roles and
/// accessible names, no sleeps): register a household, open a case for a member, assess them.
/// Shared by the browser tests that walk the flows.
/// </summary>
public static class WorkbenchSteps
{
    public const string RegistrationForm = "登记家庭";

    /// <summary>Opens the registration page from the side menu.</summary>
    public static async Task<ILocator> OpenRegistrationAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "登记家庭" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/households/new$"));
        var form = page.GetByRole(AriaRole.Form, new() { Name = RegistrationForm });
        // The station's district is filled in once the page knows it: typing before would be overwritten.
        await Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "区县" })).Not.ToHaveValueAsync("");
        return form;
    }

    /// <summary>Fills in the registration form (opened by <see cref="OpenRegistrationAsync"/>) without sending it.</summary>
    public static async Task FillHouseholdAsync(IPage page, ILocator form, HouseholdOnPage household)
    {
        await form.GetByRole(AriaRole.Textbox, new() { Name = "家庭住址" }).FillAsync(household.Address);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "区县" }).FillAsync(household.District);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "乡镇（街道）" }).FillAsync(household.Township);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "社区（村）" }).FillAsync(household.Community);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "网格" }).FillAsync(household.Grid);
        if (household.Latitude is { } latitude && household.Longitude is { } longitude)
        {
            await form.GetByRole(AriaRole.Spinbutton, new() { Name = "纬度" }).FillAsync(latitude.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByRole(AriaRole.Spinbutton, new() { Name = "经度" }).FillAsync(longitude.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        for (var i = 0; i < household.Members.Count; i++)
        {
            if (i > 0) await form.GetByRole(AriaRole.Button, new() { Name = "添加成员" }).ClickAsync();
            await FillMemberAsync(page, Member(form, i + 1), household.Members[i]);
        }
    }

    /// <summary>The fields of the n-th member (from 1): a group named by its legend.</summary>
    public static ILocator Member(ILocator form, int n) => form.GetByRole(AriaRole.Group, new() { Name = $"成员 {n}", Exact = true });

    public static async Task FillMemberAsync(IPage page, ILocator member, MemberOnPage values)
    {
        await member.GetByRole(AriaRole.Textbox, new() { Name = "姓名" }).FillAsync(values.Name);
        if (values.IdNumber is not null) await member.GetByRole(AriaRole.Textbox, new() { Name = "身份证号" }).FillAsync(values.IdNumber);
        await ChooseAsync(page, member, "与户主关系", values.Relation);
        await member.GetByRole(AriaRole.Radio, new() { Name = values.Gender, Exact = true }).CheckAsync();
        await TypeDateAsync(member.GetByLabel("出生日期"), values.BirthDate);
        if (values.Phone is not null) await member.GetByRole(AriaRole.Textbox, new() { Name = "联系电话" }).FillAsync(values.Phone);
    }

    /// <summary>
    /// Registers the household through the page (a double click on submit, as people do) and waits for
    /// the registered household's view; returns the service's answer (householdId, possibleDuplicates).
    /// </summary>
    public static async Task<JsonElement> RegisterHouseholdAsync(IPage page, HouseholdOnPage household)
    {
        var form = await OpenRegistrationAsync(page);
        await FillHouseholdAsync(page, form, household);
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/cases/households") && r.Ok);
        await form.GetByRole(AriaRole.Button, new() { Name = "登记家庭" }).DblClickAsync();
        var registered = await (await answer).JsonAsync() ?? throw new InvalidOperationException("The registration answered no body.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"已登记家庭 {registered.GetProperty("householdId").GetString()![..8]}" }))
            .ToBeVisibleAsync();
        return registered;
    }

    /// <summary>
    /// On the registered household's view: opens a case for the member (a double click on 确认开案) and waits
    /// for its case file; returns the case's id, from the address the page moved to. A supervisor names
    /// the <paramref name="caseworker"/>.
    /// </summary>
    public static async Task<Guid> OpenCaseAsync(IPage page, string memberName, string clientGroup, IReadOnlyList<string> categories,
        string? caseworker = null)
    {
        var member = page.GetByRole(AriaRole.Listitem, new() { Name = memberName, Exact = true });
        await member.GetByRole(AriaRole.Button, new() { Name = $"为 {memberName} 开案" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"为 {memberName} 开案" });
        await dialog.GetByRole(AriaRole.Radio, new() { Name = clientGroup, Exact = true }).CheckAsync();
        var form = dialog.GetByRole(AriaRole.Form, new() { Name = $"为 {memberName} 开案" });
        foreach (var category in categories) await ChooseAsync(page, form, "对象分类", category, closeAfter: false);
        // Closes the open list (a click beside it), so it covers no button.
        await dialog.GetByText($"为 {memberName} 开案", new() { Exact = true }).First.ClickAsync();
        // A supervisor names the caseworker; a caseworker's own cases are theirs.
        if (caseworker is not null) await ChooseAsync(page, form, "责任社工", caseworker);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认开案" }).DblClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/cases/[0-9a-f-]{36}$"));
        var caseId = Guid.Parse(Regex.Match(page.Url, @"/cases/([0-9a-f-]{36})$").Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"个案 {caseId.ToString()[..8]}$"), Level = 1 })).ToBeVisibleAsync();
        return caseId;
    }

    /// <summary>Barthel answers by item, as the form words them ("进食" → "自理（10 分）").</summary>
    public static IReadOnlyList<(string Item, string Answer)> Independent { get; } =
    [
        ("进食", "自理（10 分）"), ("洗澡", "自理（5 分）"), ("修饰（洗脸、梳头、刷牙、剃须）", "自理（5 分）"), ("穿衣", "自理（10 分）"),
        ("大便控制", "自理（10 分）"), ("小便控制", "自理（10 分）"), ("如厕", "自理（10 分）"), ("床椅转移", "自理（15 分）"),
        ("平地行走", "自理（15 分）"), ("上下楼梯", "自理（10 分）"),
    ];

    /// <summary>
    /// On a case file: the assessments tab's Barthel form filled and recorded; waits for the record in
    /// the list. Items not named are answered as <see cref="Independent"/>.
    /// </summary>
    public static async Task AssessAsync(IPage page, IReadOnlyList<(string Item, string Answer)> answers,
        string mentalState, string livingSituation, string socialParticipation, string expectedAbility)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "评估" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "新评估" });
        var chosen = answers.ToDictionary(a => a.Item, a => a.Answer);
        foreach (var (item, independent) in Independent)
            await form.GetByRole(AriaRole.Radiogroup, new() { Name = item, Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = chosen.GetValueOrDefault(item, independent) }).CheckAsync();
        await ChooseAsync(page, form, "认知状况", mentalState);
        await ChooseAsync(page, form, "居住情况", livingSituation);
        await ChooseAsync(page, form, "社会参与", socialParticipation);
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "评估结果（随填写更新）" })).ToContainTextAsync(expectedAbility);
        await form.GetByRole(AriaRole.Button, new() { Name = "提交评估" }).ClickAsync();
        await Expect(page.GetByText("评估已记录")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "评估记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = expectedAbility }))
            .ToHaveCountAsync(1);
    }

    /// <summary>Picks an option of an antd select by its label, as a person does: open it, click the option.</summary>
    public static async Task ChooseAsync(IPage page, ILocator scope, string field, string option, bool closeAfter = true)
    {
        var select = scope.GetByRole(AriaRole.Combobox, new() { Name = field });
        var choice = page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
            .Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}$") });
        var chosenInField = scope.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Combobox, new() { Name = field }) });
        await select.ClickAsync();
        for (var attempt = 1; ; attempt++)
        {
            await choice.ClickAsync();
            try
            {
                if (closeAfter) await Expect(chosenInField).ToContainTextAsync(option, new() { Timeout = 5_000 });
                else await Expect(choice).ToHaveClassAsync(new Regex("ant-select-item-option-selected"), new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // A list just opened is measured and drawn again (rc-virtual-list), and a click landing as its row is
                // replaced selects nothing; CI saw this once in ~40 runs. A person would click again, so the test does.
                if (!await choice.IsVisibleAsync()) await select.ClickAsync();
            }
        }
    }

    /// <summary>
    /// Types a date into an antd picker and leaves it with Tab, which keeps a valid date (Enter would
    /// also submit the form around it).
    /// </summary>
    public static async Task TypeDateAsync(ILocator input, string value)
    {
        await input.ClickAsync();
        await input.FillAsync(value);
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(value);
    }
}
