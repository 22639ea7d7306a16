using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Cases;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The supervisor's pages in chromium: the approvals queue, the dashboard (its numbers are the
/// API's), the situation map, coverage and the access audit. Cases here belong to a caseworker of
/// their own, so the caseload other browser tests count stays as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionBrowserTests(BrowserCity city) : BrowserTestClass
{
    private const string Supervisor = "督导";
    private static readonly Guid OwnCaseworker = Guid.NewGuid();

    private HttpClient CasesAsCaseworker => city.City.Cases.ClientAs(Roles.Caseworker, OwnCaseworker, city.Station);
    private HttpClient CasesAsSupervisor => city.City.Cases.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);

    private async Task<IPage> SupervisorOnAsync(string path, bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.SupervisorName, Supervisor, path);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path.Split('?')[0])));
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));
        return page;
    }

    private async Task<Guid> OpenCaseAsync(string grid = "G-01")
    {
        var caseId = Guid.NewGuid();
        (await CasesAsCaseworker.PostAsJsonAsync("/cases", new
        {
            caseId, stationId = city.Station, caseworkerId = OwnCaseworker, clientGroup = "Elderly", categories = new[] { "LivesAlone", "AdvancedAge" },
            location = new { district = city.District, township = city.District + "001", grid },
        })).EnsureSuccessStatusCode();
        return caseId;
    }

    [Fact]
    public async Task The_supervisor_approves_a_proposed_plan_from_the_queue_and_the_case_has_it_adopted()
    {
        var caseId = await OpenCaseAsync();
        (await CasesAsCaseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", AssessmentPlanAndVisitTests.Plan())).EnsureSuccessStatusCode();
        var id = caseId.ToString()[..8];

        var page = await SupervisorOnAsync("/approvals");
        var queue = page.GetByRole(AriaRole.Table, new() { Name = "待审批服务方案" });
        var row = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {id}" });
        await Expect(row).ToContainTextAsync("2 项目标");
        await Expect(row).ToContainTextAsync("每周");
        await row.GetByRole(AriaRole.Button, new() { Name = $"批准个案 {id} 的服务方案" }).ClickAsync();

        await Expect(page.GetByText($"已批准个案 {id} 的服务方案")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        var file = await Json(await CasesAsSupervisor.GetAsync($"/cases/{caseId}"));
        (file.TryGetProperty("proposedPlan", out var proposed) ? proposed.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        var plan = file.GetProperty("adoptedPlan");
        plan.GetProperty("status").GetString().ShouldBe("Adopted");
        plan.GetProperty("approvedBy").GetGuid().ShouldBe(city.Supervisor);
    }

    [Fact]
    public async Task Sending_a_plan_back_needs_a_reason_and_the_queue_lets_it_go()
    {
        var caseId = await OpenCaseAsync();
        (await CasesAsCaseworker.PostAsJsonAsync($"/cases/{caseId}/service-plan", AssessmentPlanAndVisitTests.Plan("Monthly"))).EnsureSuccessStatusCode();
        var id = caseId.ToString()[..8];

        var page = await SupervisorOnAsync("/approvals");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "待审批服务方案" }).GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {id}" });
        await row.GetByRole(AriaRole.Button, new() { Name = $"退回个案 {id} 的服务方案" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "退回服务方案" });
        // Open once the reason box has the focus: a click while the dialog still zooms in can miss its button.
        await Expect(dialog.GetByLabel("退回原因")).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认退回" }).ClickAsync();
        await Expect(dialog.GetByText("请填写退回原因")).ToBeVisibleAsync();
        await dialog.GetByLabel("退回原因").FillAsync("目标太笼统，请写明每周探访几次");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认退回" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        var plan = (await Json(await CasesAsSupervisor.GetAsync($"/cases/{caseId}"))).GetProperty("proposedPlan");
        plan.GetProperty("status").GetString().ShouldBe("Draft");
        plan.GetProperty("sentBackReason").GetString().ShouldBe("目标太笼统，请写明每周探访几次");
    }

    [Fact]
    public async Task The_district_officer_reads_its_stations_dashboards_and_nothing_of_another_district_or_a_case_file()
    {
        // Another district with a station of its own: not the officer's to read.
        var admin = city.City.Cases.ClientAs(Roles.Admin);
        const string otherDistrict = "971002";
        var otherStation = Guid.NewGuid();
        (await admin.PostAsJsonAsync($"/districts/{otherDistrict}/townships", new
        {
            districtName = "云冈区", townships = new[] { new { code = otherDistrict + "001", name = "口泉乡" } },
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/stations", new { stationId = otherStation, districtCode = otherDistrict, townshipCode = otherDistrict + "001", name = "口泉乡社工站" }))
            .EnsureSuccessStatusCode();
        await OpenCaseAsync("G-03");

        var page = await city.NewPageAsync();
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.DistrictOfficerName, "区县民政干部", "/district/stations");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "辖区社工站", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "辖区社工站" });
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = BrowserCity.StationName })).ToBeVisibleAsync();
        await Expect(table).Not.ToContainTextAsync("口泉乡社工站");

        await table.GetByRole(AriaRole.Link, new() { Name = BrowserCity.StationName }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/district/stations/{city.Station}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{BrowserCity.StationName} · 看板", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "在办个案" })).ToBeVisibleAsync();
        var officer = city.City.Cases.ClientAs(Roles.DistrictOfficer, city.DistrictOfficer, districtCode: city.District);
        var api = await Json(await officer.GetAsync($"/stations/{city.Station}/dashboard"));
        foreach (var (figure, key) in new[] { ("在办个案", "openCases"), ("探访逾期", "overdueVisits"), ("需上门确认安全", "safetyChecksRequired") })
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = figure }).Locator(".ant-statistic-content-value"))
                .ToHaveTextAsync(api.GetProperty(key).GetInt32().ToString());
        // Counts only: no link into the station's own pages.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "探访逾期" })).ToHaveCountAsync(0);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "a district station's dashboard", elderMode: false);

        // Another district's station, and a case file, by their addresses: not found, and not forbidden-with-content.
        await page.GotoAsync($"/district/stations/{otherStation}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" })).ToBeVisibleAsync();
        (await officer.GetAsync($"/stations/{otherStation}/dashboard")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        await page.GotoAsync($"/cases/{city.Case}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();

        var elder = await city.NewPageAsync(elderMode: true);
        Track(elder);
        await BrowserCity.SignInAsync(elder, BrowserCity.DistrictOfficerName, "区县民政干部", "/district/stations");
        await Expect(elder.GetByRole(AriaRole.Link, new() { Name = BrowserCity.StationName })).ToBeVisibleAsync();
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(elder, "the district's stations", elderMode: true);
    }

    [Fact]
    public async Task The_dashboard_shows_the_same_numbers_as_the_API()
    {
        await OpenCaseAsync("G-02");
        var page = await SupervisorOnAsync("/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "站点看板", Level = 1 })).ToBeVisibleAsync();
        // Read after the page has loaded its own: nothing in the station changes between the two reads.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "在办个案" })).ToBeVisibleAsync();
        var api = await Json(await CasesAsSupervisor.GetAsync($"/stations/{city.Station}/dashboard"));

        foreach (var (figure, key) in new[]
                 {
                     ("在办个案", "openCases"), ("探访逾期", "overdueVisits"), ("近 30 天开案", "casesOpenedLast30Days"),
                     ("近 30 天结案", "casesClosedLast30Days"), ("近 7 天漏送餐", "missedDeliveriesLast7Days"), ("需上门确认安全", "safetyChecksRequired"),
                 })
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = figure }).Locator(".ant-statistic-content-value"))
                .ToHaveTextAsync(api.GetProperty(key).GetInt32().ToString());

        api.GetProperty("openCases").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        await ExpectChartAsync(page, "在办个案：按服务对象", api.GetProperty("openCasesByClientGroup"),
            new() { ["Elderly"] = "老年人", ["Child"] = "儿童" });
        await ExpectChartAsync(page, "在办个案：按类别", api.GetProperty("openCasesByCategory"),
            new() { ["LivesAlone"] = "独居", ["AdvancedAge"] = "高龄" });
    }

    /// <summary>The chart's data table (what a screen reader hears) has the API's count for each named item.</summary>
    private static async Task ExpectChartAsync(IPage page, string title, JsonElement counts, Dictionary<string, string> labels)
    {
        var table = page.GetByRole(AriaRole.Table, new() { Name = $"{title}（数据表）" });
        foreach (var (key, label) in labels)
            await Expect(table.GetByRole(AriaRole.Row, new() { Name = label, Exact = false }).GetByRole(AriaRole.Cell))
                .ToHaveTextAsync(counts.GetProperty(key).GetInt32().ToString());
    }

    [Fact]
    public async Task The_situation_map_lists_each_grid_with_the_API_s_figures_and_says_it_draws_without_tiles()
    {
        await OpenCaseAsync("G-03");
        var page = await SupervisorOnAsync("/situation-map");
        await Expect(page.GetByText("未配置地图底图：仅显示网格位置。")).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "各网格情况" });
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "G-03" })).ToBeVisibleAsync();

        var api = await Json(await CasesAsSupervisor.GetAsync($"/stations/{city.Station}/situation-map"));
        foreach (var grid in api.GetProperty("grids").EnumerateArray().Where(g => g.GetProperty("grid").GetString() == "G-03"))
        {
            var cells = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "G-03" }).GetByRole(AriaRole.Cell);
            await Expect(cells.Nth(2)).ToHaveTextAsync(grid.GetProperty("clients").GetInt32().ToString());
            await Expect(cells.Nth(3)).ToHaveTextAsync(grid.GetProperty("openNeeds").GetInt32().ToString());
        }
    }

    [Fact]
    public async Task Coverage_reads_as_the_API_counts_it()
    {
        var page = await SupervisorOnAsync("/coverage");
        var api = await Json(await CasesAsSupervisor.GetAsync("/coverage"));
        var percent = (Math.Round(api.GetProperty("coverage").GetDouble() * 1000) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        await Expect(page.GetByText(
            $"全市 {api.GetProperty("townships").GetInt32()} 个乡镇（街道），{api.GetProperty("townshipsWithRegisteredStation").GetInt32()} 个有已在全国系统登记的社工站，覆盖率 {percent}"))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "社工站覆盖率" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "平城区" }))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_access_audit_shows_who_read_a_file_and_narrows_to_it_by_the_address()
    {
        var caseId = await OpenCaseAsync();
        (await CasesAsCaseworker.GetAsync($"/cases/{caseId}")).EnsureSuccessStatusCode();

        var page = await SupervisorOnAsync($"/audit?recordId={caseId}");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "查阅记录" });
        await Expect(page.GetByText("共 1 条查阅记录")).ToBeVisibleAsync();
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = $"个案 {caseId.ToString()[..8]}" });
        await Expect(row).ToContainTextAsync("个案档案");
        await Expect(row).ToContainTextAsync("本站");
        await Expect(row).ToContainTextAsync("常规查阅");

        // A bad id is refused by the form before anything is asked.
        await page.GetByLabel("档案编号").FillAsync("not-an-id");
        // antd spaces a two-character Chinese button's text: "查 询".
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^查\s?询$") }).ClickAsync();
        await Expect(page.GetByText("请输入完整的编号")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"recordId={caseId}"));

        // The filtered list as a file: the same read, with the caseworker's id and the case's.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "下载 CSV：查阅记录" }).ClickAsync());
        var csv = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await download.PathAsync()));
        csv.ShouldContain($",{OwnCaseworker},caseworker,{city.Station},case,{caseId},case,否,,");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2, "the header and the one read the filter names");

        // The district's officer reads the same entry on the district's audit, by the station's name.
        var officer = await city.NewPageAsync();
        Track(officer);
        await BrowserCity.SignInAsync(officer, BrowserCity.DistrictOfficerName, "区县民政干部", $"/district/audit?recordId={caseId}");
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "辖区查阅记录", Level = 1 })).ToBeVisibleAsync();
        var districtRow = officer.GetByRole(AriaRole.Table, new() { Name = "辖区查阅记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "个案档案" });
        await Expect(districtRow).ToContainTextAsync(BrowserCity.StationName);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(officer, "the district's access audit", elderMode: false);
    }

    [Fact]
    public async Task A_search_of_the_station_s_clients_is_on_the_audit_by_its_kind_never_its_text()
    {
        var searcher = Guid.NewGuid();
        var search = city.City.Cases.ClientAs(Roles.Caseworker, searcher, city.Station);
        (await search.PostAsJsonAsync("/clients/search", new { q = "13900001111" })).EnsureSuccessStatusCode();

        var page = await SupervisorOnAsync($"/audit?readerId={searcher}");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "查阅记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "按电话查询客户" });
        await Expect(row).ToContainTextAsync("查询到 0 人");
        await Expect(row).ToContainTextAsync("常规查阅");
        await Expect(page.GetByText("13900001111")).ToHaveCountAsync(0);
    }

    /// <summary>The value next to a label of an antd bordered Descriptions.</summary>
    private static ILocator Described(ILocator scope, string label) =>
        scope.Locator("th.ant-descriptions-item-label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }).Locator("xpath=following-sibling::td[1]");

    [Fact]
    public async Task The_monthly_ledger_shows_the_API_s_figures_downloads_as_Excel_and_the_download_is_audited()
    {
        var caseId = await OpenCaseAsync();
        (await CasesAsCaseworker.PostAsJsonAsync($"/cases/{caseId}/visits", new { visitedAt = DateTimeOffset.UtcNow, observations = "精神好", concernsRaised = false }))
            .EnsureSuccessStatusCode();

        // The browser keeps Beijing time, as the services count months.
        var month = FiveSocieties.BuildingBlocks.Scheduling.LocalCalendar.For("Asia/Shanghai").Today(DateTimeOffset.UtcNow).ToString("yyyy-MM");
        var page = await SupervisorOnAsync($"/reports?month={month}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "月度报表", Level = 1 })).ToBeVisibleAsync();
        var api = await Json(await CasesAsSupervisor.GetAsync($"/stations/{city.Station}/ledger?month={month}"));
        var ledger = page.Locator(".ant-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "服务台账" }) });
        foreach (var (label, key) in new[] { ("社工走访", "caseworkerVisits"), ("服务对象（人）", "clientsServed"), ("送餐完成", "mealsDelivered") })
            await Expect(Described(ledger, label)).ToHaveTextAsync(api.GetProperty("totals").GetProperty(key).GetInt32().ToString());
        api.GetProperty("totals").GetProperty("caseworkerVisits").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var clients = ledger.GetByRole(AriaRole.Table, new() { Name = "服务对象明细" });
        await Expect(clients.GetByRole(AriaRole.Link, new() { Name = $"打开个案 {caseId.ToString()[..8]}" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            ledger.GetByRole(AriaRole.Button, new() { Name = $"下载 Excel：服务台账_{month}" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"服务台账_{BrowserCity.StationName}_{month}.xlsx");
        await using (var file = File.OpenRead(await download.PathAsync()))
        {
            MiniExcelLibs.MiniExcel.GetSheetNames(file).ShouldBe(["月度汇总", "服务对象明细"]);
            var totals = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "月度汇总").Cast<IDictionary<string, object>>().ToList();
            Convert.ToInt32(totals.Single(r => (string)r["项目"] == "社工走访")["数量"]).ShouldBe(api.GetProperty("totals").GetProperty("caseworkerVisits").GetInt32());
        }

        await page.GotoAsync("/audit");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "查阅记录" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "导出服务台账（Excel）" }).First;
        await Expect(row).ToContainTextAsync(BrowserCity.SupervisorName);
        await Expect(row).ToContainTextAsync("导出");
    }

    [Fact]
    public async Task The_district_officer_reads_its_district_s_statistics_and_alarms_without_a_ledger()
    {
        var page = await city.NewPageAsync();
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.DistrictOfficerName, "区县民政干部", "/reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "月度报表", Level = 1 })).ToBeVisibleAsync();
        var officer = city.City.Cases.ClientAs(Roles.DistrictOfficer, city.DistrictOfficer, districtCode: city.District);
        var api = (await Json(await officer.GetAsync("/statistics"))).GetProperty("districts")[0];
        var statistics = page.GetByRole(AriaRole.Table, new() { Name = "社工站统计" });
        var districtRow = statistics.GetByRole(AriaRole.Row).Filter(new() { HasText = api.GetProperty("districtName").GetString()! });
        await Expect(districtRow).ToContainTextAsync(api.GetProperty("openCases").GetInt32().ToString());
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "紧急告警统计" }).GetByRole(AriaRole.Row).Filter(new() { HasText = city.District }))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "服务台账" })).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^下载 CSV：社工站统计_") }).ClickAsync());
        var csv = await File.ReadAllBytesAsync(await download.PathAsync());
        csv.Take(3).ShouldBe(System.Text.Encoding.UTF8.GetPreamble());
        System.Text.Encoding.UTF8.GetString(csv, 3, csv.Length - 3).ShouldStartWith("区县概况\r\n区县代码,区县,");
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "the district's reports", elderMode: false);
    }

    [Fact]
    public async Task A_caseworker_gets_no_supervisor_page()
    {
        var page = await city.NewPageAsync();
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.CaseworkerName, "社工", "/approvals");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "我的个案" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "待办审批" })).ToHaveCountAsync(0);
    }

    public static TheoryData<string, bool> Pages => new()
    {
        { "/approvals", false }, { "/approvals", true }, { "/dashboard", false }, { "/dashboard", true },
        { "/overdue-visits", false }, { "/overdue-visits", true }, { "/open-needs", false }, { "/open-needs", true },
        { "/situation-map", false }, { "/situation-map", true }, { "/coverage", false }, { "/coverage", true },
        { "/audit", false }, { "/audit", true }, { "/reports", false }, { "/reports", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string path, bool elderMode)
    {
        var page = await SupervisorOnAsync(path, elderMode);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".ant-spin-spinning")).ToHaveCountAsync(0);
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, path, elderMode);
    }


    [Theory]
    [InlineData("/approvals", false, "approvals.zh-CN.png")]
    [InlineData("/dashboard", false, "dashboard.zh-CN.png")]
    [InlineData("/dashboard", true, "dashboard.elder-mode.zh-CN.png")]
    [InlineData("/situation-map", false, "situation-map.zh-CN.png")]
    [InlineData("/reports", false, "reports.zh-CN.png")]
    public async Task Screenshots_for_the_docs(string path, bool elderMode, string file)
    {
        var page = await SupervisorOnAsync(path, elderMode);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".ant-spin-spinning")).ToHaveCountAsync(0);
        await BrowserChecks.PhotographAsync(page, file);
    }
}
