using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using static Microsoft.Playwright.Assertions;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Web.Browser;

/// <summary>
/// The coordinator's dispatch board in a real browser. Its own station (新华调度站), so that its
/// deliveries and alarms stay off the pages other classes count: a coordinator, a caseworker,
/// three volunteers and three households who live alone, enrolled for meals.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DispatchBoardBrowserTests(BrowserCity city) : BrowserTestClass
{
    // Fixed: the same ids draw the same screenshots. The b0xx block is this class's (BrowserCity holds 0xxx, d0xx, e0xx, f0xx).
    private static readonly Guid Station = Guid.Parse("5a7e0000-0000-4000-8000-00000000b001");
    private static readonly Guid Coordinator = Guid.Parse("5a7e0000-0000-4000-8000-00000000b002");
    private static readonly Guid Caseworker = Guid.Parse("5a7e0000-0000-4000-8000-00000000b003");
    private const string StationName = "新华调度站";
    private string Township => city.District + "002";
    private const string CoordinatorName = "孙协调";
    private static readonly (Guid Id, string Name, double Latitude, double Longitude)[] Volunteers =
    [
        (Guid.Parse("5a7e0000-0000-4000-8000-00000000b011"), "刘志愿", 40.081, 113.301),
        (Guid.Parse("5a7e0000-0000-4000-8000-00000000b012"), "陈志愿", 40.090, 113.310),
        (Guid.Parse("5a7e0000-0000-4000-8000-00000000b013"), "黄志愿", 40.070, 113.290),
    ];
    private static readonly Guid[] Households =
    [
        Guid.Parse("c0a5e000-0000-4000-8000-00000000b001"), Guid.Parse("c0a5e000-0000-4000-8000-00000000b002"),
        Guid.Parse("c0a5e000-0000-4000-8000-00000000b003"),
    ];
    private static readonly V1.GeoPoint Canteen = new(40.0800, 113.3000);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _stationReady;
    public override Task InitializeAsync() => StationAsync();

    private HttpClient VolunteersAdmin => city.City.Volunteers.ClientAs(Roles.Supervisor, Guid.NewGuid(), Station);

    [Fact]
    public async Task A_coordinator_plans_tomorrow_reassigns_a_delivery_by_hand_and_sees_a_missed_meal_appear_live_at_the_top()
    {
        var page = await SignedInAsync();
        var tomorrow = city.City.LocalToday.AddDays(1).ToString("yyyy-MM-dd");
        var date = page.GetByLabel("日期");
        await date.ClickAsync();
        await date.FillAsync(tomorrow);
        await date.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排这一天的配送" }).ClickAsync();
        await Expect(page.GetByText(new Regex("^已安排："))).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^共 3 单"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "实时更新中" })).ToBeVisibleAsync();
        // Each volunteer's round on the map (no tile server: the rounds and stops alone).
        await Expect(page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^路线地图：\\d 条路线，0 单无人接单") })).ToBeVisibleAsync();
        await Expect(page.Locator(".dispatch-map path.leaflet-interactive")).Not.ToHaveCountAsync(0);

        // Reassign one by hand: the dialog opens on the planner's suggestion.
        var day = await DayAsync(tomorrow);
        var moved = day.First(d => d.GetProperty("status").GetString() == "Offered");
        var movedId = moved.GetProperty("id").GetGuid();
        var movedRef = moved.GetProperty("caseId").GetGuid().ToString()[^8..];
        var suggestion = (await Json(await VolunteersAdmin.GetAsync($"/deliveries/{movedId}/reassign-suggestions")))
            .GetProperty("candidates").EnumerateArray().First(c => c.GetProperty("suggested").GetBoolean());
        var suggested = suggestion.GetProperty("volunteerId").GetGuid();
        var suggestedName = suggestion.GetProperty("name").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = $"改派个案 {movedRef} 的配送" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Checked = true })).ToHaveAccessibleNameAsync(new Regex($"^{suggestedName}.*系统建议"));
        await dialog.GetByLabel("改派原因（可选）").FillAsync("原志愿者临时有事");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认改派" }).ClickAsync();
        await Expect(page.GetByText($"已改派个案 {movedRef} 的配送")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = $"{suggestedName} 的路线" })).ToContainTextAsync(movedRef);
        (await DayAsync(tomorrow)).Single(d => d.GetProperty("id").GetGuid() == movedId).GetProperty("volunteerId").GetGuid().ShouldBe(suggested);

        // A volunteer finds nobody at the door: the row and the alarm change on the open board, no reload.
        var missed = (await DayAsync(tomorrow)).First(d => d.GetProperty("id").GetGuid() != movedId && d.GetProperty("status").GetString() == "Offered");
        var missedRef = missed.GetProperty("caseId").GetGuid().ToString()[^8..];
        var volunteer = city.City.Volunteers.ClientAs(Roles.Volunteer, missed.GetProperty("volunteerId").GetGuid());
        (await volunteer.PostAsync($"/deliveries/{missed.GetProperty("id").GetGuid()}/accept", null)).EnsureSuccessStatusCode();
        (await volunteer.PostAsJsonAsync($"/deliveries/{missed.GetProperty("id").GetGuid()}/miss", new { reason = "NoAnswerAtDoor" }))
            .EnsureSuccessStatusCode();

        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = missedRef })).ToContainTextAsync("未送达");
        var alarms = page.GetByRole(AriaRole.Region, new() { Name = "漏餐告警" });
        await Expect(alarms).ToBeVisibleAsync();
        // At the top: above the date and the rounds.
        var alarmTop = (await alarms.BoundingBoxAsync())!.Y;
        (await date.BoundingBoxAsync())!.Y.ShouldBeGreaterThan(alarmTop);
        await BrowserChecks.PhotographAsync(page, "dispatch-board.zh-CN.png");

        // Until acknowledged.
        var acknowledge = alarms.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认已处理") });
        var open = await acknowledge.CountAsync();
        await acknowledge.First.ClickAsync();
        await Expect(alarms.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认已处理") })).ToHaveCountAsync(open - 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_dispatch_board_and_its_reassign_dialog_pass_axe_core(bool elderMode)
    {
        var page = await SignedInAsync(elderMode);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "实时更新中" })).ToBeVisibleAsync();
        var date = page.GetByLabel("日期");
        await date.ClickAsync();
        await date.FillAsync(city.City.LocalToday.AddDays(2).ToString("yyyy-MM-dd"));
        await date.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排这一天的配送" }).ClickAsync();
        await Expect(page.GetByText(new Regex("^共 3 单"))).ToBeVisibleAsync();
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "/dispatch", elderMode);

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^改派个案") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Radio).First).ToBeVisibleAsync();
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "/dispatch (reassign dialog)", elderMode);
        await BrowserChecks.PhotographAsync(page, elderMode ? "dispatch-reassign.elder.zh-CN.png" : "dispatch-reassign.zh-CN.png");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_volunteers_list_finds_by_name_and_passes_axe_core(bool elderMode)
    {
        var page = await SignedInAsync(elderMode);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Menuitem, new() { Name = "志愿者名册" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/volunteers$"));
        var list = page.GetByRole(AriaRole.Table, new() { Name = "志愿者名册" });
        foreach (var (_, name, _, _) in Volunteers) await Expect(list).ToContainTextAsync(name);
        await Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = "刘志愿" })).ToContainTextAsync("未审查");
        await BrowserChecks.ExpectNoSeriousAccessibilityViolationsAsync(page, "/volunteers", elderMode);

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "按姓名查找志愿者" }).FillAsync("陈");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "按姓名查找志愿者" }).PressAsync("Enter");
        await Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = "刘志愿" })).ToHaveCountAsync(0);
        await Expect(list).ToContainTextAsync("陈志愿");
        if (!elderMode) await BrowserChecks.PhotographAsync(page, "dispatch-volunteers.zh-CN.png");
    }

    private async Task<IPage> SignedInAsync(bool elderMode = false)
    {
        var page = await city.NewPageAsync(elderMode);
        Track(page);
        await BrowserCity.SignInAsync(page, CoordinatorName, "协调员", "/dispatch");
        await Expect(page).ToHaveURLAsync(new Regex("/dispatch$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "调度看板", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    private async Task<JsonElement[]> DayAsync(string date) =>
        (await Json(await VolunteersAdmin.GetAsync($"/deliveries?date={date}"))).EnumerateArray().ToArray();

    /// <summary>The station, its people and its enrolled households, once per run (the Browser collection's city outlives a class).</summary>
    private async Task StationAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_stationReady) return;
            var admin = city.City.Cases.ClientAs(Roles.Admin);
            // A township has one station: the board's station serves a township of its own.
            (await admin.PostAsJsonAsync($"/districts/{city.District}/townships", new
            {
                districtName = "平城区", townships = new[] { new { code = Township, name = "新华二街道" } },
            })).EnsureSuccessStatusCode();
            await Json(await admin.PostAsJsonAsync("/stations", new
            {
                stationId = Station, districtCode = city.District, townshipCode = Township, name = StationName,
            }));
            foreach (var (person, role, name) in new[] { (Coordinator, "Coordinator", CoordinatorName), (Caseworker, "Caseworker", "钱社工") })
                (await admin.PostAsJsonAsync($"/stations/{Station}/staff", new { personId = person, role, name })).EnsureSuccessStatusCode();

            foreach (var (id, name, latitude, longitude) in Volunteers)
            {
                var volunteer = city.City.Volunteers.ClientAs(Roles.Volunteer, id);
                (await volunteer.PostAsJsonAsync("/volunteers", new
                {
                    stationId = Station, name, phone = "13900000002", home = new { latitude, longitude },
                    skills = new[] { "MealDelivery" }, languages = new[] { "zh-CN" }, isSenior = false, maxLoad = 2,
                })).EnsureSuccessStatusCode();
                (await volunteer.PutAsJsonAsync($"/volunteers/{id}/availability", new
                {
                    slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "08:00", to = "20:00" } },
                })).EnsureSuccessStatusCode();
            }

            // Each household's case is opened for real; what Cases (consent) and Matching (the canteen's
            // acceptance) would publish next is published as they would.
            var caseworker = city.City.Cases.ClientAs(Roles.Caseworker, Caseworker, Station);
            var bus = city.City.Cases.Services.GetRequiredService<IBus>();
            var volunteersAdmin = city.City.Volunteers.ClientAs(Roles.Admin);
            for (var i = 0; i < Households.Length; i++)
            {
                var caseId = Households[i];
                await Json(await caseworker.PostAsJsonAsync("/cases", new
                {
                    caseId, stationId = Station, caseworkerId = Caseworker, clientGroup = "Elderly", categories = new[] { "LivesAlone" },
                    location = new { district = city.District, township = Township, grid = "G-02" },
                }));
                await Eventually.Until(async () => (await volunteersAdmin.GetAsync($"/served-cases/{caseId}")).IsSuccessStatusCode,
                    known => known, $"case {caseId} known to Volunteers");
                var now = DateTimeOffset.UtcNow;
                await bus.Publish(new V1.DeliveryRecipientShared(Guid.NewGuid(), now, Guid.NewGuid(), caseId, Station, $"独居老人{i + 1}",
                    $"新华街{i + 1}号", "13800002222", null, new V1.GeoPoint(40.082 + i * 0.004, 113.302 + i * 0.003),
                    new V1.GridLocation("平城区", "新华街道", "G-02"), true, now.AddDays(180)));
                await bus.Publish(new V1.ReferralAccepted(Guid.NewGuid(), now, Guid.NewGuid(), Guid.NewGuid(), caseId, Station, Caseworker,
                    Guid.NewGuid(), Guid.NewGuid(), "新华长者食堂", V1.NeedCategory.MealDelivery, Canteen,
                    new V1.WeeklySchedule(Enum.GetValues<DayOfWeek>(), new TimeOnly(11, 0), new TimeOnly(12, 30))));
            }
            await Eventually.Until(async () => await Json(await VolunteersAdmin.GetAsync("/enrolments")),
                list => list.EnumerateArray().Count(e => e.GetProperty("status").GetString() == "Enrolled") == Households.Length,
                "the three households enrolled for meals");

            // The sign-in page lists the coordinator once the Web host reads the rosters again (it keeps them 30 s).
            using var web = new HttpClient { BaseAddress = city.Address };
            await Eventually.Until(async () => await web.GetStringAsync("/auth/demo-people"), people => people.Contains(Coordinator.ToString()),
                "the coordinator on the demo sign-in", TimeSpan.FromSeconds(60));
            _stationReady = true;
        }
        finally
        {
            Once.Release();
        }
    }
}
