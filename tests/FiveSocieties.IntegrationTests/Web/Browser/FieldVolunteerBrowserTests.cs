using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.IntegrationTests.Notifications;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using V1 = FiveSocieties.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The volunteer's phone app (/field/) in a real browser on a phone's screen (390 × 844, touch):
/// where a volunteer lands, what stays closed to them, and each page's accessibility.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldVolunteerBrowserTests(BrowserCity city, Xunit.Abstractions.ITestOutputHelper output) : BrowserTestClass
{
    private const string Volunteer = "志愿者";
    private async Task<IPage> OnThePhoneAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode, phone: true);
        Track(page);
        await BrowserCity.SignInAsync(page, BrowserCity.VolunteerName, Volunteer);
        await Expect(page).ToHaveURLAsync(new Regex("/field/today$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日任务", Level = 1 })).ToBeVisibleAsync();
        if (elderMode) await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("elder-mode"));
        return page;
    }

    [Fact]
    public async Task A_volunteer_signing_in_lands_in_the_field_app_and_no_workbench_or_provider_page_opens_for_them()
    {
        var page = await OnThePhoneAsync();
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "志愿者导航" });
        foreach (var tab in new[] { "今日任务", "探访", "可服务时间", "时间银行" })
            await Expect(tabs.GetByRole(AriaRole.Link, new() { Name = tab })).ToBeVisibleAsync();

        // Nor the provider's portal nor the coordinator's board.
        foreach (var path in new[] { "/caseload", "/clients", "/dashboard", "/roster", $"/cases/{city.Case}", "/provider/referrals", "/provider/offers", "/dispatch", "/volunteers" })
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
        Track(page);
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

    /// <summary>
    /// A household of 周社工's enrolled for meals today (as Cases and Matching would tell Volunteers),
    /// the volunteer available all day, and today planned: the meal is offered to the volunteer.
    /// </summary>
    private async Task<(Guid CaseId, Guid Delivery, DateOnly Today)> MealOfferedTodayAsync(string recipient)
    {
        var beijing = TimeSpan.FromHours(8);
        var now = DateTimeOffset.UtcNow.ToOffset(beijing);
        var today = DateOnly.FromDateTime(now.DateTime);
        var from = TimeOnly.FromDateTime(now.DateTime.AddMinutes(40));
        if (from < TimeOnly.FromDateTime(now.DateTime)) from = new TimeOnly(23, 50); // past 23:20: a late window, still today
        var to = from.AddMinutes(90) < from ? new TimeOnly(23, 59) : from.AddMinutes(90);
        var caseId = Guid.NewGuid();
        var caseworker = city.City.Cases.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);
        (await caseworker.PostAsJsonAsync("/cases", new
        {
            caseId, stationId = city.Station, caseworkerId = city.NeedsCaseworker, clientGroup = "Elderly", categories = new[] { "LivesAlone" },
            location = new { district = city.District, township = city.District + "001", grid = "G-02" },
        })).EnsureSuccessStatusCode();
        var volunteer = city.City.Volunteers.ClientAs(Roles.Volunteer, city.Volunteer);
        (await volunteer.PutAsJsonAsync($"/volunteers/{city.Volunteer}/availability", new
        {
            slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "00:00", to = "23:59" } },
        })).EnsureSuccessStatusCode();
        var bus = city.City.Cases.Services.GetRequiredService<IBus>();
        var grid = new V1.GridLocation(city.District, city.District + "001", "G-02");
        await bus.Publish(new V1.DeliveryRecipientShared(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), caseId, city.Station, recipient,
            "新华街道幸福里 3 号", "13800002222", "软食", new V1.GeoPoint(40.081, 113.301), grid, true, DateTimeOffset.UtcNow.AddDays(30)));
        await bus.Publish(new V1.ReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), caseId, city.Station,
            city.NeedsCaseworker, Guid.NewGuid(), Guid.NewGuid(), "新华街道长者食堂", V1.NeedCategory.MealDelivery, new V1.GeoPoint(40.079, 113.299),
            new V1.WeeklySchedule(Enum.GetValues<DayOfWeek>(), from, to)));
        var coordinator = city.City.Volunteers.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);
        await Eventually.Until(async () => await HttpJson.Json(await coordinator.GetAsync("/enrolments?pageSize=100")),
            list => list.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"),
            "the household enrolled");
        (await coordinator.PostAsJsonAsync("/deliveries/plan", new { date = today })).EnsureSuccessStatusCode();
        var offered = await Eventually.Until(async () => await HttpJson.Json(await coordinator.GetAsync($"/deliveries?date={today:yyyy-MM-dd}")),
            list => list.EnumerateArray().Any(d => d.GetProperty("caseId").GetGuid() == caseId && d.GetProperty("status").GetString() == "Offered"),
            "the meal offered");
        var delivery = offered.EnumerateArray().First(d => d.GetProperty("caseId").GetGuid() == caseId);
        delivery.GetProperty("volunteerId").GetGuid().ShouldBe(city.Volunteer);
        return (caseId, delivery.GetProperty("id").GetGuid(), today);
    }

    [Fact]
    public async Task Offline_the_volunteer_picks_up_and_delivers_reloads_and_online_the_delivery_is_completed_when_it_happened()
    {
        var (caseId, deliveryId, today) = await MealOfferedTodayAsync("钱奶奶");
        var page = await OnThePhoneAsync();
        // The service worker has the shell before the signal goes.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        // The one meal on offer (another test's is done or gone); once accepted, its recipient's name shows and names it.
        await page.Locator("section.field-task").GetByRole(AriaRole.Button, new() { Name = "接受" }).ClickAsync();
        var task = page.Locator("section.field-task").Filter(new() { HasText = "钱奶奶" });
        await Expect(task.GetByText("已接受")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        var offlineFrom = DateTimeOffset.UtcNow;
        await task.GetByRole(AriaRole.Button, new() { Name = "已取餐" }).ClickAsync();
        await task.GetByRole(AriaRole.Button, new() { Name = "已送达", Exact = true }).ClickAsync();
        await Expect(page.GetByText("2 项操作等待提交")).ToBeVisibleAsync();
        var deliveredBefore = DateTimeOffset.UtcNow;

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日任务", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("2 项操作等待提交")).ToBeVisibleAsync();
        await Expect(task.GetByText("已完成")).ToBeVisibleAsync();
        await BrowserChecks.PhotographAsync(page, "field-today.offline.zh-CN.png");

        var onlineAt = DateTimeOffset.UtcNow;
        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByText("2 项操作等待提交")).ToHaveCountAsync(0);

        var coordinator = city.City.Volunteers.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);
        var completed = (await Eventually.Until(async () => await HttpJson.Json(await coordinator.GetAsync($"/deliveries?date={today:yyyy-MM-dd}")),
                list => list.EnumerateArray().Any(d => d.GetProperty("id").GetGuid() == deliveryId && d.GetProperty("status").GetString() == "Completed"),
                "the delivery completed"))
            .EnumerateArray().First(d => d.GetProperty("id").GetGuid() == deliveryId);
        if (completed.TryGetProperty("finishedAt", out var finishedAt))
            finishedAt.GetDateTimeOffset().ShouldBeInRange(offlineFrom.AddSeconds(-1), deliveredBefore.AddSeconds(1), "when it happened, not when it was sent");
        onlineAt.ShouldBeGreaterThan(deliveredBefore);
        var hours = await HttpJson.Json(await city.City.Volunteers.ClientAs(Roles.Volunteer, city.Volunteer).GetAsync($"/volunteers/{city.Volunteer}/hours"));
        hours.GetProperty("entries").EnumerateArray().Count(e => e.TryGetProperty("taskId", out var t) && t.ValueKind == JsonValueKind.String && t.GetGuid() == deliveryId)
            .ShouldBe(1, "credited once");
        var caseworker = city.City.Cases.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);
        await Eventually.Until(async () => (await HttpJson.Json(await caseworker.GetAsync($"/cases/{caseId}/timeline"))).ToString(),
            timeline => timeline.Contains("DeliveryCompleted"), "the delivery on the case's timeline");
    }

    [Fact]
    public async Task Offline_the_week_s_availability_waits_on_the_phone_and_is_set_when_the_network_returns()
    {
        var volunteer = city.City.Volunteers.ClientAs(Roles.Volunteer, city.Volunteer);
        var week = (await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{city.Volunteer}"))).GetProperty("availability");
        var slots = week.GetArrayLength();
        var page = await OnThePhoneAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "志愿者导航" }).GetByRole(AriaRole.Link, new() { Name = "可服务时间" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "可服务时间", Level = 1 })).ToBeVisibleAsync();
        // The week as the server has it is on the page (the page's heading shows before it) before the network goes.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "添加时段" })).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "添加时段" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.GetByText("1 项操作等待提交")).ToBeVisibleAsync();
        // A reload with no network still shows the plan that waits.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"时段 {slots + 1}", Level = 2 })).ToBeVisibleAsync();
        (await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{city.Volunteer}"))).GetProperty("availability").GetArrayLength()
            .ShouldBe(slots, "nothing sent while offline");

        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByText("1 项操作等待提交")).ToHaveCountAsync(0);
        await Eventually.Until(async () => await HttpJson.Json(await volunteer.GetAsync($"/volunteers/{city.Volunteer}")),
            v => v.GetProperty("availability").GetArrayLength() == slots + 1, "the week saved once the network returned");
        // The other tests plan with the week as it was.
        (await volunteer.PutAsJsonAsync($"/volunteers/{city.Volunteer}/availability", new { slots = week })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_meal_delivered_with_a_concern_puts_the_volunteer_s_note_on_the_case_and_tells_its_caseworker()
    {
        var (caseId, _, _) = await MealOfferedTodayAsync("冯爷爷");
        var page = await OnThePhoneAsync();
        await page.Locator("section.field-task").GetByRole(AriaRole.Button, new() { Name = "接受" }).ClickAsync();
        var task = page.Locator("section.field-task").Filter(new() { HasText = "冯爷爷" });
        await task.GetByRole(AriaRole.Button, new() { Name = "已取餐" }).ClickAsync();
        await task.GetByRole(AriaRole.Button, new() { Name = "已送达，但有担忧" }).ClickAsync();
        var send = task.GetByRole(AriaRole.Button, new() { Name = "提交" });
        await Expect(send).ToBeDisabledAsync();
        await task.GetByLabel("请写下让您担心的情况（社工会看到）").FillAsync("咳嗽得厉害，饭只吃了一半");
        await send.ClickAsync();
        await Expect(task.GetByText("已完成")).ToBeVisibleAsync();

        var caseworker = city.City.Cases.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);
        await Eventually.Until(async () => (await HttpJson.Json(await caseworker.GetAsync($"/cases/{caseId}/timeline"))).ToString(),
            timeline => timeline.Contains("志愿者有担忧：咳嗽得厉害，饭只吃了一半"), "the volunteer's concern on the case's timeline");
        var inbox = city.City.Notifications.ClientAs(Roles.Caseworker, city.NeedsCaseworker, city.Station);
        var told = await Eventually.Until(async () => (await HttpJson.Json(await inbox.GetAsync("/inbox?pageSize=100"))).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("rule").GetString() == "delivery-concern" && n.GetProperty("caseId").GetGuid() == caseId).ToList(),
            found => found.Count == 1, "the caseworker told of the concern");
        told[0].ToString().ShouldNotContain("咳嗽", Case.Sensitive, "the note stays on the case, out of messages that may leave it");
    }

    [Fact]
    public async Task Offline_conflict_a_delivery_reassigned_meanwhile_shows_why_the_queued_answers_were_refused_and_records_nothing_twice()
    {
        var (_, deliveryId, today) = await MealOfferedTodayAsync("孙爷爷");
        var page = await OnThePhoneAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        await page.Locator("section.field-task").GetByRole(AriaRole.Button, new() { Name = "接受" }).ClickAsync();
        var task = page.Locator("section.field-task").Filter(new() { HasText = "孙爷爷" });
        await Expect(task.GetByRole(AriaRole.Button, new() { Name = "已取餐" })).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await task.GetByRole(AriaRole.Button, new() { Name = "已取餐" }).ClickAsync();
        await task.GetByRole(AriaRole.Button, new() { Name = "已送达", Exact = true }).ClickAsync();
        await Expect(page.GetByText("2 项操作等待提交")).ToBeVisibleAsync();

        // Meanwhile the coordinator hands the meal to another volunteer.
        var other = Guid.NewGuid();
        var otherClient = city.City.Volunteers.ClientAs(Roles.Volunteer, other);
        (await otherClient.PostAsJsonAsync("/volunteers", new
        {
            stationId = city.Station, name = "孙志愿", phone = "13900000009", home = new { latitude = 40.08, longitude = 113.30 },
            skills = new[] { "MealDelivery" }, languages = new[] { "zh-CN" }, isSenior = false, maxLoad = 5,
        })).EnsureSuccessStatusCode();
        (await otherClient.PutAsJsonAsync($"/volunteers/{other}/availability", new
        {
            slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "00:00", to = "23:59" } },
        })).EnsureSuccessStatusCode();
        var coordinator = city.City.Volunteers.ClientAs(Roles.Supervisor, city.Supervisor, city.Station);
        var reassigned = await coordinator.PostAsJsonAsync($"/deliveries/{deliveryId}/reassign", new { volunteerId = other, reason = "志愿者联系不上" });
        reassigned.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await reassigned.Content.ReadAsStringAsync());
        // The volunteer it was taken from is told, in their inbox, which task it was.
        var told = await city.City.Notifications.ClientAs(Roles.Volunteer, city.Volunteer).InboxWithAsync("task-reassigned");
        told.ShouldContain(n => n.GetProperty("parameters").GetProperty("taskId").GetString() == deliveryId.ToString());

        await page.Context.SetOfflineAsync(false);
        var refusals = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "未被接受" });
        await Expect(refusals).ToHaveCountAsync(2);
        await Expect(refusals.First).ToContainTextAsync("调度员已将该配送任务改派给另一位志愿者。");
        await BrowserChecks.PhotographAsync(page, "field-today.refused.zh-CN.png");

        var delivery = (await HttpJson.Json(await coordinator.GetAsync($"/deliveries?date={today:yyyy-MM-dd}")))
            .EnumerateArray().First(d => d.GetProperty("id").GetGuid() == deliveryId);
        delivery.GetProperty("status").GetString().ShouldNotBe("Completed");
        delivery.GetProperty("volunteerId").GetGuid().ShouldBe(other);
        var hours = await HttpJson.Json(await city.City.Volunteers.ClientAs(Roles.Volunteer, city.Volunteer).GetAsync($"/volunteers/{city.Volunteer}/hours"));
        hours.GetProperty("entries").EnumerateArray()
            .Count(e => e.TryGetProperty("taskId", out var t) && t.ValueKind == JsonValueKind.String && t.GetGuid() == deliveryId).ShouldBe(0);

        // Kept until the volunteer has read it.
        await page.ReloadAsync();
        await Expect(refusals).ToHaveCountAsync(2);
        await refusals.First.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Expect(refusals).ToHaveCountAsync(1);
    }

    /// <summary>A measurement, not a timed assertion: how long 50 queued answers take to replay once the network returns.</summary>
    [Fact]
    public async Task Fifty_answers_queued_offline_are_all_replayed_in_order_when_the_network_returns()
    {
        var page = await OnThePhoneAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/field/hours");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        for (var i = 1; i <= 50; i++)
        {
            await page.GetByLabel("小时数").FillAsync("0.5");
            await page.GetByLabel("做了什么").FillAsync($"帮邻居买药 {i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "申报" }).ClickAsync();
        }
        await Expect(page.GetByText("50 项操作等待提交")).ToBeVisibleAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByText("项操作等待提交")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        started.Stop();
        output.WriteLine($"replayed 50 queued answers in {started.ElapsedMilliseconds} ms after reconnecting");

        var reports = (await HttpJson.Json(await city.City.Volunteers.ClientAs(Roles.Volunteer, city.Volunteer).GetAsync($"/volunteers/{city.Volunteer}/hours")))
            .GetProperty("reports").EnumerateArray().Where(r => r.GetProperty("note").GetString()!.StartsWith("帮邻居买药 ")).ToList();
        reports.Select(r => r.GetProperty("note").GetString()).ShouldBe(Enumerable.Range(1, 50).Select(i => $"帮邻居买药 {i}"), "each once, in order");
        reports.ShouldAllBe(r => r.GetProperty("date").GetString() == today);
    }
}
