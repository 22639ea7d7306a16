using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The case file (/cases/:id/:tab) in a real browser: each tab's main action through the page, checked
/// against what the Cases service then holds. Each test opens its own case, given to a caseworker of
/// its own, so the station's caseload the other browser tests count stays as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseFileBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Caseworker = "社工";
    private const string Supervisor = "督导";
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private async Task<IPage> SignedInAsync(string name, string role, bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        await BrowserCity.SignInAsync(page, name, role);
        return page;
    }

    private Task<IPage> CaseworkerAsync(bool elderMode = false) => SignedInAsync(BrowserCity.CaseworkerName, Caseworker, elderMode);

    private HttpClient CaseworkerApi => city.City.Cases.ClientAs(Roles.Caseworker, city.Caseworker, city.Station);
    private HttpClient SupervisorApi => city.City.Cases.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);

    /// <summary>A fresh case of the station (or another), for a caseworker nobody signs in as.</summary>
    private async Task<Guid> OpenCaseAsync(string group = "Elderly", string category = "LivesAlone", Guid? station = null)
    {
        var caseId = Guid.NewGuid();
        var stationId = station ?? city.Station;
        var opener = city.City.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), stationId);
        (await opener.PostAsJsonAsync("/cases", new
        {
            caseId, stationId, caseworkerId = Guid.NewGuid(), clientGroup = group, categories = new[] { category },
            location = new { district = city.District, township = city.District + "001", grid = "G-02" },
        })).EnsureSuccessStatusCode();
        return caseId;
    }

    private async Task<JsonElement> CaseAsync(Guid caseId) => await HttpJson.Json(await CaseworkerApi.GetAsync($"/cases/{caseId}"));

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static string CaseHeading(Guid caseId) => $"个案 {caseId.ToString()[..8]}";

    /// <summary>Picks an option of an antd select, as a person does: open it, click the option.</summary>
    private static async Task ChooseAsync(IPage page, ILocator form, string label, string option)
    {
        await form.GetByRole(AriaRole.Combobox, new() { Name = label }).ClickAsync();
        await page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
            .Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}$") }).ClickAsync();
    }

    /// <summary>Types a date (or date and time) into an antd picker and confirms it with Enter.</summary>
    private static async Task TypeDateAsync(ILocator input, string value)
    {
        await input.ClickAsync();
        await input.FillAsync(value);
        await input.PressAsync("Enter");
    }

    private static DateTime BeijingToday => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Beijing).Date;

    [Fact]
    public async Task A_caseload_row_opens_the_case_file_and_each_tab_has_its_own_address()
    {
        var page = await CaseworkerAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"老年人 · 个案 {city.Case.ToString()[..8]}" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{city.Case}$"));
        await Expect(Heading(page, CaseHeading(city.Case))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "基本情况" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "时间线" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{city.Case}/timeline$"));
        await Expect(page.GetByText(new Regex(@"共 \d+ 条记录"))).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{city.Case}$"));
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "概况" })).ToHaveAttributeAsync("aria-selected", "true");

        // The case file and its timeline were shown, and each answer was on the access audit (checked again, by count, as the test ends).
        var reads = PersonalReads.Of(page.Context);
        reads.Shown.ShouldBeGreaterThanOrEqualTo(2, "the case file and the timeline");
        reads.Audited.ShouldBe(reads.Shown);
    }

    [Fact]
    public async Task An_assessment_shows_its_score_and_levels_as_it_is_filled_and_records_them()
    {
        var caseId = await OpenCaseAsync();
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/assessments");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "新评估" });
        var live = page.GetByRole(AriaRole.Status, new() { Name = "评估结果（随填写更新）" });
        await Expect(live).ToContainTextAsync("0 / 100 分（已答 0/10 项）");

        async Task AnswerAsync(string item, string answer) =>
            await form.GetByRole(AriaRole.Radiogroup, new() { Name = item, Exact = true }).GetByRole(AriaRole.Radio, new() { Name = answer }).CheckAsync();

        await AnswerAsync("进食", "需部分帮助（5 分）");
        await Expect(live).ToContainTextAsync("5 / 100 分（已答 1/10 项）");
        foreach (var item in new[] { "洗澡", "修饰（洗脸、梳头、刷牙、剃须）" }) await AnswerAsync(item, "自理（5 分）");
        foreach (var item in new[] { "穿衣", "大便控制", "小便控制", "如厕", "上下楼梯" }) await AnswerAsync(item, "自理（10 分）");
        foreach (var item in new[] { "床椅转移", "平地行走" }) await AnswerAsync(item, "自理（15 分）");
        await Expect(live).ToContainTextAsync("95 / 100 分（已答 10/10 项）");

        await ChooseAsync(page, form, "认知状况", "认知正常");
        await Expect(live).ToContainTextAsync("1 级 · 轻度失能");
        await ChooseAsync(page, form, "居住情况", "独居");
        await ChooseAsync(page, form, "社会参与", "积极参与");
        await Expect(live).ToContainTextAsync("中风险");

        await form.GetByRole(AriaRole.Button, new() { Name = "提交评估" }).DblClickAsync();

        await Expect(page.GetByText("评估已记录")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "评估记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "95" }))
            .ToContainTextAsync("1 级 · 轻度失能");
        var recorded = await CaseAsync(caseId);
        recorded.GetProperty("assessments").GetArrayLength().ShouldBe(1, "a double click records one assessment");
        recorded.GetProperty("abilityLevel").GetInt32().ShouldBe(1);
        recorded.GetProperty("riskLevel").GetString().ShouldBe("Medium");
        recorded.GetProperty("assessments")[0].GetProperty("adlScore").GetInt32().ShouldBe(95);
    }

    [Fact]
    public async Task A_plan_submitted_for_approval_shows_as_waiting_and_then_as_approved_by_the_supervisor()
    {
        var caseId = await OpenCaseAsync();
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/plan");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "提交服务方案" });

        await form.GetByRole(AriaRole.Textbox, new() { Name = "目标 1" }).FillAsync("保障每日一餐热食");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加措施" }).ClickAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "措施 1" }).FillAsync("转介社区食堂送餐");
        await ChooseAsync(page, form, "探访频次", "每两周");
        await TypeDateAsync(form.GetByLabel("评估复核日期"), BeijingToday.AddMonths(6).ToString("yyyy-MM-dd"));
        await form.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).DblClickAsync();

        await Expect(page.GetByText("方案已提交，等待督导审批")).ToBeVisibleAsync();
        await Expect(page.GetByText("待督导审批", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("保障每日一餐热食")).ToBeVisibleAsync();
        (await CaseAsync(caseId)).GetProperty("proposedPlan").GetProperty("status").GetString().ShouldBe("Proposed");
        var timeline = await HttpJson.Json(await CaseworkerApi.GetAsync($"/cases/{caseId}/timeline"));
        timeline.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "ServicePlanProposed")
            .ShouldBe(1, "a double click proposes once");

        var supervisor = await SignedInAsync(BrowserCity.SupervisorName, Supervisor);
        await supervisor.GotoAsync($"/cases/{caseId}/plan");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "通过方案" }).ClickAsync();

        await Expect(supervisor.GetByText("方案已通过")).ToBeVisibleAsync();
        await Expect(supervisor.GetByText("已通过", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(supervisor.GetByText("暂无待审批方案")).ToBeVisibleAsync();
        var adopted = await CaseAsync(caseId);
        adopted.GetProperty("status").GetString().ShouldBe("Active");
        adopted.GetProperty("adoptedPlan").GetProperty("visitFrequency").GetString().ShouldBe("Fortnightly");
    }

    [Fact]
    public async Task A_visit_recorded_on_the_page_shows_in_the_list_and_the_next_visit_falls_due_from_it()
    {
        var caseId = await OpenCaseAsync();
        (await CaseworkerApi.PostAsJsonAsync($"/cases/{caseId}/service-plan", new
        {
            goals = new[] { "每周探访" }, interventions = Array.Empty<string>(), visitFrequency = "Weekly",
            reviewDate = BeijingToday.AddMonths(3).ToString("yyyy-MM-dd"),
        })).EnsureSuccessStatusCode();
        (await SupervisorApi.PostAsync($"/cases/{caseId}/service-plan/approve", null)).EnsureSuccessStatusCode();
        var due = BeijingToday.AddDays(7).ToString("yyyy/MM/dd");

        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/visits");
        await Expect(page.GetByText($"下次探访：{due}")).ToBeVisibleAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "登记探访" });
        await form.GetByRole(AriaRole.Textbox, new() { Name = "探访记录" }).FillAsync("老人精神尚可，冰箱里食物不多。");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "发现需要关注的问题" }).CheckAsync();
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith($"/api/cases/cases/{caseId}/visits")) Interlocked.Increment(ref posts);
        };
        await form.GetByRole(AriaRole.Button, new() { Name = "保存探访" }).DblClickAsync();

        await Expect(page.GetByText("探访已登记")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "探访记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "冰箱里食物不多" }))
            .ToContainTextAsync("有需关注的问题");
        await Expect(page.GetByText($"下次探访：{due}")).ToBeVisibleAsync();
        posts.ShouldBe(1);
        var visited = await CaseAsync(caseId);
        visited.GetProperty("visits").GetArrayLength().ShouldBe(1);
        visited.GetProperty("visits")[0].GetProperty("concernsRaised").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Blank_visit_observations_show_the_server_s_error_under_the_field_and_record_nothing()
    {
        var caseId = await OpenCaseAsync();
        var serversError = await ServersFieldErrorAsync($"/cases/{caseId}/visits", "observations",
            new { visitId = Guid.NewGuid(), visitedAt = DateTimeOffset.UtcNow, observations = "   ", concernsRaised = false });

        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/visits");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "登记探访" });
        var observations = form.GetByRole(AriaRole.Textbox, new() { Name = "探访记录" });
        // Spaces pass the form's own check (something is typed); the service refuses them, naming the field.
        await observations.FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存探访" }).ClickAsync();

        var item = form.Locator(".ant-form-item").Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = "探访记录" }) });
        await Expect(observations).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(item.Locator(".ant-form-item-explain-error")).ToHaveTextAsync(serversError);
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "保存探访" })).ToBeEnabledAsync();
        (await CaseAsync(caseId)).GetProperty("visits").GetArrayLength().ShouldBe(0);
    }

    /// <summary>What the service says about <paramref name="field"/> for this body, in Chinese: what the page must show.</summary>
    private async Task<string> ServersFieldErrorAsync(string route, string field, object body)
    {
        var caseworker = CaseworkerApi;
        caseworker.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        using var refused = await caseworker.PostAsJsonAsync(route, body);
        ((int)refused.StatusCode).ShouldBe(400);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Single(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
            .Value[0].GetString()!;
    }

    [Fact]
    public async Task A_guardian_gives_consent_for_a_child_and_it_is_withdrawn_on_the_page()
    {
        var caseId = await OpenCaseAsync("Child", "LeftBehind");
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/consents");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "登记知情同意" });

        await Expect(form.GetByRole(AriaRole.Radio, new() { Name = "服务对象本人" })).ToBeDisabledAsync();
        await Expect(form.GetByRole(AriaRole.Radio, new() { Name = "监护人" })).ToBeCheckedAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "监护人姓名" }).FillAsync("张桂兰");
        var organisations = form.GetByRole(AriaRole.Combobox, new() { Name = "涉及机构" });
        await organisations.FillAsync("阳光助学");
        await organisations.PressAsync("Enter");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记同意" }).ClickAsync();

        await Expect(page.GetByText("知情同意已登记")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Table, new() { Name = "知情同意记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "阳光助学" });
        await Expect(row).ToContainTextAsync("监护人");
        await Expect(row).ToContainTextAsync("有效");
        var given = (await CaseAsync(caseId)).GetProperty("consents");
        given.GetArrayLength().ShouldBe(1);
        given[0].GetProperty("givenBy").GetString().ShouldBe("Guardian");

        await row.GetByRole(AriaRole.Button, new() { Name = "撤回同意：转介服务" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤回" }).ClickAsync();

        await Expect(page.GetByText("已撤回同意")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("已撤回");
        (await CaseAsync(caseId)).GetProperty("consents")[0].GetProperty("status").GetString().ShouldBe("Withdrawn");
    }

    [Fact]
    public async Task The_timeline_as_of_a_day_before_the_case_was_opened_shows_nothing_and_as_of_today_shows_it()
    {
        var caseId = await OpenCaseAsync();
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/timeline");
        await Expect(page.GetByText("共 1 条记录")).ToBeVisibleAsync();
        var asOf = page.GetByLabel("截至日期");

        var yesterday = BeijingToday.AddDays(-1).ToString("yyyy-MM-dd");
        await TypeDateAsync(asOf, yesterday);
        await Expect(page).ToHaveURLAsync(new Regex($"asOf={yesterday}$"));
        await Expect(page.GetByText("此日期时尚未开案")).ToBeVisibleAsync();
        await Expect(page.GetByText("此日期前没有记录")).ToBeVisibleAsync();

        var today = BeijingToday.ToString("yyyy-MM-dd");
        await TypeDateAsync(asOf, today);
        await Expect(page).ToHaveURLAsync(new Regex($"asOf={today}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"截至 {BeijingToday:yyyy/MM/dd} 的个案" })).ToBeVisibleAsync();
        await Expect(page.GetByText("共 1 条记录")).ToBeVisibleAsync();
        await Expect(page.GetByText("此日期时尚未开案")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_activity_created_on_the_page_takes_the_client_s_enrolment_and_attendance()
    {
        var caseId = await OpenCaseAsync();
        var title = $"书法小组 {Guid.NewGuid().ToString()[..6]}";
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{caseId}/activities");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "新建活动" });

        await form.GetByRole(AriaRole.Textbox, new() { Name = "活动名称" }).FillAsync(title);
        await TypeDateAsync(form.GetByPlaceholder("开始时间"), $"{BeijingToday:yyyy-MM-dd} 00:00");
        await TypeDateAsync(form.GetByPlaceholder("结束时间"), $"{BeijingToday.AddDays(1):yyyy-MM-dd} 23:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "创建活动" }).ClickAsync();

        await Expect(page.GetByText($"已创建活动：{title}")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "为本服务对象报名" }).ClickAsync();
        await Expect(page.GetByText("已报名", new() { Exact = true }).Last).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登记今日出席" }).ClickAsync();
        await Expect(page.GetByText("今日已出席")).ToBeVisibleAsync();

        var activities = await HttpJson.Json(await CaseworkerApi.GetAsync($"/activities?stationId={city.Station}&pageSize=100"));
        var activityId = activities.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("title").GetString() == title)
            .GetProperty("id").GetGuid();
        var activity = await HttpJson.Json(await CaseworkerApi.GetAsync($"/activities/{activityId}"));
        activity.GetProperty("enrolled").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([caseId]);
        activity.GetProperty("attendance").GetArrayLength().ShouldBe(1);
        (await CaseAsync(caseId)).GetProperty("activitiesAttended").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_caseworker_opening_another_station_s_case_gets_the_not_found_page()
    {
        var elsewhere = await OpenCaseAsync(station: Guid.NewGuid());
        var page = await CaseworkerAsync();
        await page.GotoAsync($"/cases/{elsewhere}");

        await Expect(Heading(page, "页面不存在")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "说明理由后查阅" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_supervisor_reads_another_station_s_case_only_through_the_reason_dialog_and_the_audit_shows_it()
    {
        var otherStation = Guid.NewGuid();
        var elsewhere = await OpenCaseAsync(station: otherStation);
        const string reason = "该老人在本站辖区走失，需核实其住址和联系人";
        var page = await SignedInAsync(BrowserCity.SupervisorName, Supervisor);
        await page.GotoAsync($"/cases/{elsewhere}");

        await Expect(Heading(page, "未找到此个案")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "说明理由后查阅" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "紧急查阅其他社工站的个案" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "查阅个案" }).ClickAsync();
        await Expect(dialog.GetByText("请填写原因")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "查阅理由" }).FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "查阅个案" }).ClickAsync();

        await Expect(Heading(page, CaseHeading(elsewhere))).ToBeVisibleAsync();
        await Expect(page.GetByText($"紧急查阅（已留痕）：{reason}")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "办理结案" })).ToHaveCountAsync(0);

        // The other station's supervisor sees who read their client's file, and why.
        var theirSupervisor = city.City.Cases.ClientAs(Roles.Supervisor, Guid.NewGuid(), otherStation);
        var audit = await Eventually.Until(async () => await HttpJson.Json(await theirSupervisor.GetAsync($"/audit?caseId={elsewhere}")),
            entries => entries.EnumerateArray().Any(e => e.GetProperty("readerId").GetGuid() == city.Supervisor), "the break-the-glass read in the audit");
        var reads = audit.EnumerateArray().Where(e => e.GetProperty("readerId").GetGuid() == city.Supervisor).ToList();
        reads.ShouldAllBe(e => e.GetProperty("breakGlass").GetBoolean() && e.GetProperty("reason").GetString() == reason);
        reads.ShouldContain(e => e.GetProperty("what").GetString() == "case");
    }

    public static TheoryData<string, bool> Tabs()
    {
        var data = new TheoryData<string, bool>();
        foreach (var tab in new[] { "overview", "assessments", "plan", "visits", "needs", "consents", "timeline", "activities" })
        {
            data.Add(tab, false);
            data.Add(tab, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Tabs))]
    public async Task Each_tab_has_no_serious_or_critical_accessibility_violations(string tab, bool elderMode)
    {
        var page = await CaseworkerAsync(elderMode);
        await page.GotoAsync($"/cases/{city.Case}/{tab}");
        await Expect(Heading(page, CaseHeading(city.Case))).ToBeVisibleAsync();
        var loaded = tab switch
        {
            "overview" => page.GetByRole(AriaRole.Heading, new() { Name = "基本情况" }),
            "assessments" => page.GetByRole(AriaRole.Status, new() { Name = "评估结果（随填写更新）" }),
            "plan" => page.GetByRole(AriaRole.Form, new() { Name = "提交服务方案" }),
            "visits" => page.GetByRole(AriaRole.Form, new() { Name = "登记探访" }),
            "needs" => page.GetByRole(AriaRole.Tabpanel),
            "consents" => page.GetByRole(AriaRole.Form, new() { Name = "登记知情同意" }),
            "timeline" => page.GetByText(new Regex(@"共 \d+ 条记录")),
            "activities" => page.GetByRole(AriaRole.Table, new() { Name = "本站活动" }),
            _ => throw new ArgumentOutOfRangeException(nameof(tab)),
        };
        await Expect(loaded).ToBeVisibleAsync();
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));

        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, $"the {tab} tab", elderMode);
    }

    [Theory]
    [InlineData("overview", false, "case-file.zh-CN.png")]
    [InlineData("assessments", false, "case-file.assessment.zh-CN.png")]
    [InlineData("assessments", true, "case-file.assessment.elder-mode.zh-CN.png")]
    public async Task Screenshots_for_the_docs(string tab, bool elderMode, string file)
    {
        var page = await CaseworkerAsync(elderMode);
        await page.GotoAsync($"/cases/{city.Case}/{tab}");
        await Expect(Heading(page, CaseHeading(city.Case))).ToBeVisibleAsync();
        if (tab == "assessments")
        {
            // Part of the form filled in: the live score is what the picture is for.
            var form = page.GetByRole(AriaRole.Form, new() { Name = "新评估" });
            await form.GetByRole(AriaRole.Radiogroup, new() { Name = "进食", Exact = true }).GetByRole(AriaRole.Radio, new() { Name = "需部分帮助（5 分）" }).CheckAsync();
            await form.GetByRole(AriaRole.Radiogroup, new() { Name = "床椅转移", Exact = true }).GetByRole(AriaRole.Radio, new() { Name = "需少量帮助（10 分）" }).CheckAsync();
            await ChooseAsync(page, form, "认知状况", "认知正常");
            await Expect(page.GetByRole(AriaRole.Status, new() { Name = "评估结果（随填写更新）" })).ToContainTextAsync("15 / 100 分");
        }
        else await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "基本情况" })).ToBeVisibleAsync();

        await BrowserChecks.PhotographAsync(page, file);
    }

}
