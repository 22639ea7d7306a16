using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The workbench in a real browser (Debian's chromium), as its people use it: elements found by role
/// and accessible name, every wait a condition Playwright checks (no sleeps).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbenchBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Caseworker = "社工";
    private const string Supervisor = "督导";

    private async Task<IPage> NewPageAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        return page;
    }

    private async Task<IPage> SignedInAsync(string name, string role, bool elderMode = false)
    {
        var page = await NewPageAsync(elderMode);
        await BrowserCity.SignInAsync(page, name, role);
        return page;
    }

    [Fact]
    public async Task A_caseworker_picks_themselves_on_the_sign_in_page_and_sees_their_caseload()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录社工站工作台", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = BrowserCity.StationName, Level = 2 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"{BrowserCity.CaseworkerName} · {Caseworker}：以此身份登录" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/caseload$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的个案", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("共 1 个在办个案")).ToBeVisibleAsync();
        var caseload = page.GetByRole(AriaRole.Table);
        await Expect(caseload.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {city.Case.ToString()[..8]}" })).ToContainTextAsync("老年人");
        await Expect(page.GetByLabel($"当前用户：{BrowserCity.CaseworkerName}")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "我的个案" }))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_inbox_badge_goes_up_live_when_a_notification_arrives()
    {
        var page = await NewPageAsync();
        await BrowserCity.SignInAsync(page, BrowserCity.CaseworkerName, Caseworker, "/sign-in");
        // The live stream's answer comes once the service has registered it: from then on nothing is missed.
        var streamOpen = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/notifications/inbox/stream") && r.Status == 200);
        await page.GotoAsync("/caseload");
        await streamOpen;
        var inbox = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^消息") });
        await Expect(inbox).ToBeVisibleAsync();
        var before = UnreadIn(await inbox.GetAttributeAsync("aria-label"));

        await city.NotifyCaseworkerAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"消息，{before + 1} 条未读", Exact = true })).ToBeVisibleAsync();
        await Expect(inbox).ToContainTextAsync((before + 1).ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/caseload$")); // no reload, no navigation
    }

    private static int UnreadIn(string? label) =>
        Regex.Match(label ?? "", @"(\d+) 条未读") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    [Fact]
    public async Task The_roster_form_shows_the_server_s_field_error_and_a_double_click_adds_one_person()
    {
        var page = await SignedInAsync(BrowserCity.SupervisorName, Supervisor);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "人员名册" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/roster$"));
        var form = page.GetByRole(AriaRole.Form, new() { Name = "加入名册" });
        var rosterBefore = await city.RosterAsync();

        // An empty id passes the form's own check (it is filled in); the service refuses it, naming the field.
        var serversError = await ServersFieldErrorAsync("personId", new { personId = Guid.Empty, role = "Caseworker", name = "空编号" });
        await form.GetByRole(AriaRole.Textbox, new() { Name = "姓名" }).FillAsync("空编号");
        var personId = form.GetByRole(AriaRole.Textbox, new() { Name = "人员编号" });
        await personId.FillAsync(Guid.Empty.ToString());
        await form.GetByRole(AriaRole.Button, new() { Name = "加入名册" }).ClickAsync();

        // The field's form item (its label, input and the message under it); the inner locator is relative to it.
        var personIdItem = form.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = "人员编号" }) });
        // antd marks the field invalid and shows the message under it (the form item's explain text).
        await Expect(personId).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(personIdItem.Locator(".ant-form-item-explain-error")).ToHaveTextAsync(serversError);
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "加入名册" })).ToBeEnabledAsync();
        (await city.RosterAsync()).ShouldBe(rosterBefore);

        // A fresh id and a double click: one request, one person on the roster.
        await form.GetByRole(AriaRole.Button, new() { Name = "生成新编号" }).ClickAsync();
        await Expect(personIdItem.Locator(".ant-form-item-explain-error")).ToHaveCountAsync(0);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "姓名" }).FillAsync("陈社工");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith($"/api/cases/stations/{city.Station}/staff")) Interlocked.Increment(ref posts);
        };
        await form.GetByRole(AriaRole.Button, new() { Name = "加入名册" }).DblClickAsync();

        await Expect(page.GetByText("已将 陈社工 加入名册")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "本站人员" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "陈社工" }))
            .ToHaveCountAsync(1);
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        posts.ShouldBe(1);
        var rosterAfter = await city.RosterAsync();
        rosterAfter.Count.ShouldBe(rosterBefore.Count + 1);
        rosterAfter.Count(m => m.Name == "陈社工").ShouldBe(1);
    }

    [Fact]
    public async Task Notification_settings_check_the_phone_show_the_server_s_field_error_and_save()
    {
        var page = await SignedInAsync(BrowserCity.SupervisorName, Supervisor);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "通知设置" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/notifications$"));
        var form = page.GetByRole(AriaRole.Form, new() { Name = "接收方式" });
        var phone = form.GetByRole(AriaRole.Textbox, new() { Name = "手机号码" });
        // The field's form item (the inner locator is relative to it, so it starts from the page).
        var phoneItem = form.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = "手机号码" }) });
        // No WeChat official account in this city: the page says so rather than offering a binding that cannot work.
        await Expect(page.GetByText("本站尚未开通微信公众号提醒。")).ToBeVisibleAsync();

        // SMS without a number: the form's own check.
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "短信" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Expect(phoneItem.Locator(".ant-form-item-explain-error")).ToContainTextAsync(["选择短信时须填写手机号码"]);
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "短信" }).UncheckAsync();

        // Eleven digits pass the form; no mainland number starts 12, and the service says so next to the field.
        var serversError = await ServersPreferencesErrorAsync("phone", new { channels = new[] { "InApp" }, phone = "12000000000" });
        await phone.FillAsync("12000000000");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        // The message under the field (the form's own, leaving, may still be fading out beside it).
        await Expect(phoneItem.Locator(".ant-form-item-explain-error").GetByText(serversError)).ToBeVisibleAsync();

        await phone.FillAsync("13912345678");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "免打扰开始时间" }).FillAsync("22:00");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "免打扰结束时间" }).FillAsync("07:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Expect(page.GetByText("通知设置已保存")).ToBeVisibleAsync();

        var saved = await Json(await SupervisorsNotifications().GetAsync("/preferences"));
        saved.GetProperty("phone").GetString().ShouldBe("13912345678");
        (saved.GetProperty("quietFrom").GetString(), saved.GetProperty("quietTo").GetString()).ShouldBe(("22:00", "07:00"));
        saved.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).ShouldBe(["InApp"]);
    }

    private HttpClient SupervisorsNotifications()
    {
        var supervisor = city.City.Notifications.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);
        supervisor.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        return supervisor;
    }

    /// <summary>What Notifications says about <paramref name="field"/> of these preferences, in Chinese: what the page must show.</summary>
    private async Task<string> ServersPreferencesErrorAsync(string field, object body)
    {
        using var refused = await SupervisorsNotifications().PutAsJsonAsync("/preferences", body);
        ((int)refused.StatusCode).ShouldBe(400);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    /// <summary>What the service says about <paramref name="field"/> for this body, in Chinese (the browser's language): what the page must show.</summary>
    private async Task<string> ServersFieldErrorAsync(string field, object body)
    {
        var supervisor = city.City.Cases.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);
        supervisor.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        using var refused = await supervisor.PostAsJsonAsync($"/stations/{city.Station}/staff", body);
        ((int)refused.StatusCode).ShouldBe(400);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Single(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
            .Value[0].GetString()!;
    }

    [Fact]
    public async Task A_volunteer_signs_in_to_the_field_app_and_gets_no_caseworker_page_nor_case_data()
    {
        var page = await SignedInAsync(BrowserCity.VolunteerName, "志愿者");
        await Expect(page).ToHaveURLAsync(new Regex("/field/today$"));

        await page.GotoAsync("/caseload");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync($"/cases/{city.Case}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
        // Not only the pages: the services refuse the volunteer's session too.
        var status = await page.EvaluateAsync<int>($"async () => (await fetch('/api/cases/cases/{city.Case}')).status");
        status.ShouldBe(403);
    }

    [Fact]
    public async Task A_caseworker_on_the_roster_page_sees_forbidden_and_an_unknown_page_is_not_found()
    {
        var page = await SignedInAsync(BrowserCity.CaseworkerName, Caseworker);
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "人员名册" })).ToHaveCountAsync(0);

        await page.GotoAsync("/roster");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "加入名册" })).ToHaveCountAsync(0);

        await page.GotoAsync("/district/alarms");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("/no/such/page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "回到首页" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/caseload$"));
    }

    public static TheoryData<string, bool> Pages => new()
    {
        { "sign-in", false }, { "sign-in", true }, { "caseload", false }, { "caseload", true }, { "roster", false }, { "roster", true },
        { "notification-settings", false }, { "notification-settings", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string which, bool elderMode)
    {
        var page = await OpenAsync(which, elderMode);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, which, elderMode);
    }


    /// <summary>One of the pages checked and photographed, open and loaded.</summary>
    private async Task<IPage> OpenAsync(string which, bool elderMode)
    {
        IPage page;
        switch (which)
        {
            case "sign-in":
                page = await NewPageAsync(elderMode);
                await page.GotoAsync("/sign-in");
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"{BrowserCity.CaseworkerName} · {Caseworker}：以此身份登录" })).ToBeVisibleAsync();
                break;
            case "caseload":
                page = await SignedInAsync(BrowserCity.CaseworkerName, Caseworker, elderMode);
                await Expect(page.GetByText("共 1 个在办个案")).ToBeVisibleAsync();
                break;
            case "roster":
                page = await SignedInAsync(BrowserCity.SupervisorName, Supervisor, elderMode);
                await page.GotoAsync("/roster");
                await Expect(page.GetByRole(AriaRole.Table, new() { Name = "本站人员" }).GetByRole(AriaRole.Row)
                    .Filter(new() { HasText = BrowserCity.SupervisorName })).ToBeVisibleAsync();
                break;
            case "notification-settings":
                page = await SignedInAsync(BrowserCity.CaseworkerName, Caseworker, elderMode);
                await page.GotoAsync("/settings/notifications");
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存设置" })).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(which));
        }
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));
        return page;
    }

    [Theory]
    [InlineData("sign-in", false, "sign-in.zh-CN.png")]
    [InlineData("caseload", false, "caseload.zh-CN.png")]
    [InlineData("caseload", true, "caseload.elder-mode.zh-CN.png")]
    [InlineData("roster", false, "roster.zh-CN.png")]
    public async Task Screenshots_for_the_docs(string which, bool elderMode, string file)
    {
        var page = await OpenAsync(which, elderMode);
        await BrowserChecks.PhotographAsync(page, file);
    }
}
