using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// The lists the station workbench starts from: stations (public to all staff), and a station's
/// households, cases and activities (its own staff's, or any for admins), paged, with nothing personal.
/// </summary>
public sealed class ListTests(CasesService cases) : IClassFixture<CasesService>
{
    private HttpClient Admin => cases.Host.ClientAs(Roles.Admin);

    private HttpClient StaffOf(Guid station, string role = Roles.Caseworker, Guid? userId = null) =>
        cases.Host.ClientAs(role, userId ?? Guid.NewGuid(), station);

    private static async Task<IReadOnlyList<string>> ErrorFields(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
    }

    private static IReadOnlyList<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private async Task<Guid> OpenCaseAsync(Guid station, Guid caseworker, string group = "Elderly")
    {
        var caseId = Guid.NewGuid();
        var opened = await StaffOf(station, Roles.Supervisor).PostAsJsonAsync("/cases", new
        {
            caseId, stationId = station, caseworkerId = caseworker, clientGroup = group,
            categories = group == "Elderly" ? new[] { "LivesAlone" } : new[] { "LeftBehind" },
            location = new { district = "广灵县", township = "壶泉镇", grid = "HQ-1" },
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return caseId;
    }

    [Fact]
    public async Task Stations_are_listed_by_district_and_page_for_any_staff()
    {
        var district = "9" + Random.Shared.Next(0, 100_000).ToString("00000");
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", new
        {
            districtName = "测试区",
            townships = Enumerable.Range(1, 3).Select(i => new { code = $"{district}{i:000}", name = $"第{i}街道" }),
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var opened = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var stationId = Guid.NewGuid();
            (await Admin.PostAsJsonAsync("/stations", new
            {
                stationId, districtCode = district, townshipCode = $"{district}{i:000}", name = $"第{i}街道社工站", registeredInNationalSystem = i == 1,
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
            opened.Add(stationId);
        }

        // Stations are public facts: staff of a station elsewhere read them as an admin does.
        foreach (var reader in new[] { Admin, StaffOf(Guid.NewGuid()) })
        {
            var first = await Json(await reader.GetAsync($"/stations?district={district}&pageSize=2"));
            first.GetProperty("total").GetInt64().ShouldBe(3);
            first.GetProperty("page").GetInt32().ShouldBe(1);
            Items(first).Select(s => s.GetProperty("id").GetGuid()).ShouldBe(opened.Take(2));
            var station = Items(first)[0];
            station.GetProperty("name").GetString().ShouldBe("第1街道社工站");
            station.GetProperty("districtCode").GetString().ShouldBe(district);
            station.GetProperty("townshipCode").GetString().ShouldBe($"{district}001");
            station.GetProperty("registeredInNationalSystem").GetBoolean().ShouldBeTrue();

            var second = await Json(await reader.GetAsync($"/stations?district={district}&pageSize=2&page=2"));
            Items(second).Select(s => s.GetProperty("id").GetGuid()).ShouldBe([opened[2]]);
            var beyond = await Json(await reader.GetAsync($"/stations?district={district}&pageSize=2&page=3"));
            Items(beyond).ShouldBeEmpty();
            beyond.GetProperty("total").GetInt64().ShouldBe(3);
        }
    }

    [Fact]
    public async Task A_stations_cases_are_listed_to_its_staff_without_personal_fields_and_hidden_from_other_stations()
    {
        var station = Guid.NewGuid();
        var (mine, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        var opened = new[] { await OpenCaseAsync(station, mine), await OpenCaseAsync(station, mine), await OpenCaseAsync(station, colleague, "Child") };
        var caseworker = StaffOf(station, userId: mine);

        var all = await caseworker.GetAsync("/cases?pageSize=2");
        var body = await all.Content.ReadAsStringAsync();
        var page = await Json(all);
        page.GetProperty("total").GetInt64().ShouldBe(3);
        Items(page).Count.ShouldBe(2);
        // Newest first.
        Items(page)[0].GetProperty("id").GetGuid().ShouldBe(opened[2]);
        var child = Items(page)[0];
        child.GetProperty("stationId").GetGuid().ShouldBe(station);
        child.GetProperty("caseworkerId").GetGuid().ShouldBe(colleague);
        child.GetProperty("clientGroup").GetString().ShouldBe("Child");
        child.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["LeftBehind"]);
        child.GetProperty("status").GetString().ShouldBe("Open");
        child.GetProperty("grid").GetString().ShouldBe("HQ-1");
        foreach (var personal in new[] { "\"client\"", "\"name\"", "\"phone\"", "\"idNumber\"", "\"consents\"", "\"visits\"" })
            body.ShouldNotContain(personal);

        var last = await Json(await caseworker.GetAsync("/cases?pageSize=2&page=2"));
        Items(last).Select(c => c.GetProperty("id").GetGuid()).ShouldBe([opened[0]]);

        var theirs = await Json(await caseworker.GetAsync($"/cases?caseworkerId={mine}"));
        Items(theirs).Select(c => c.GetProperty("id").GetGuid()).ShouldBe(opened.Take(2).Reverse(), ignoreOrder: true);
        (await Json(await caseworker.GetAsync($"/cases?stationId={station}&status=Open"))).GetProperty("total").GetInt64().ShouldBe(3);
        (await Json(await caseworker.GetAsync("/cases?status=Closed"))).GetProperty("total").GetInt64().ShouldBe(0);
        (await Json(await Admin.GetAsync($"/cases?stationId={station}"))).GetProperty("total").GetInt64().ShouldBe(3);

        // Another station's staff: the station's list does not exist for them, and their own holds none of these.
        var outsider = StaffOf(Guid.NewGuid(), Roles.Supervisor);
        (await outsider.GetAsync($"/cases?stationId={station}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await outsider.GetAsync($"/cases?caseworkerId={mine}"))).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_stations_households_are_listed_with_counts_not_names()
    {
        var station = Guid.NewGuid();
        var caseworker = StaffOf(station);
        var registered = new List<Guid>();
        foreach (var (grid, members) in new[] { ("HQ-1", 1), ("HQ-2", 2) })
        {
            var response = await caseworker.PostAsJsonAsync("/households", new
            {
                address = "壶泉镇东街7号",
                location = new { district = "广灵县", township = "壶泉镇", community = "东街社区", grid },
                members = Enumerable.Range(0, members).Select(i => new
                {
                    name = i == 0 ? "赵玉兰" : "赵小明", relationToHead = i == 0 ? "Self" : "Grandchild", gender = "Female",
                    birthDate = i == 0 ? "1944-02-03" : "2015-06-07", phone = "13900001111",
                }),
            });
            registered.Add((await Json(response)).GetProperty("householdId").GetGuid());
        }

        var listed = await caseworker.GetAsync("/households?pageSize=1");
        var body = await listed.Content.ReadAsStringAsync();
        var page = await Json(listed);
        page.GetProperty("total").GetInt64().ShouldBe(2);
        var newest = Items(page).Single();
        newest.GetProperty("id").GetGuid().ShouldBe(registered[1]);
        newest.GetProperty("stationId").GetGuid().ShouldBe(station);
        newest.GetProperty("grid").GetString().ShouldBe("HQ-2");
        newest.GetProperty("memberCount").GetInt32().ShouldBe(2);
        foreach (var personal in new[] { "赵玉兰", "13900001111", "东街7号", "sealed", "\"members\"" })
            body.ShouldNotContain(personal);

        (await Json(await Admin.GetAsync($"/households?stationId={station}"))).GetProperty("total").GetInt64().ShouldBe(2);
        (await StaffOf(Guid.NewGuid()).GetAsync($"/households?stationId={station}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await StaffOf(Guid.NewGuid()).GetAsync("/households"))).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_stations_activities_are_listed_latest_first()
    {
        var station = Guid.NewGuid();
        var caseworker = StaffOf(station);
        var now = DateTimeOffset.UtcNow;
        var scheduled = new List<Guid>();
        for (var day = 1; day <= 3; day++)
        {
            var activityId = Guid.NewGuid();
            (await caseworker.PostAsJsonAsync("/activities", new
            {
                activityId, stationId = station, title = $"国画班 第{day}课", kind = "Group",
                startsAt = now.AddDays(day), endsAt = now.AddDays(day).AddHours(2), capacity = 12,
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
            scheduled.Add(activityId);
        }

        var page = await Json(await caseworker.GetAsync("/activities?pageSize=2"));
        page.GetProperty("total").GetInt64().ShouldBe(3);
        Items(page).Select(a => a.GetProperty("id").GetGuid()).ShouldBe([scheduled[2], scheduled[1]]);
        var latest = Items(page)[0];
        latest.GetProperty("title").GetString().ShouldBe("国画班 第3课");
        latest.GetProperty("capacity").GetInt32().ShouldBe(12);
        latest.GetProperty("enrolled").GetInt32().ShouldBe(0);

        (await Json(await Admin.GetAsync($"/activities?stationId={station}&page=2&pageSize=2"))).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await StaffOf(Guid.NewGuid(), Roles.Supervisor).GetAsync($"/activities?stationId={station}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_list_parameters_are_refused_naming_each()
    {
        (await ErrorFields(await Admin.GetAsync("/stations?district=14021x&page=0&pageSize=1000")))
            .ShouldBe(["district", "page", "pageSize"], ignoreOrder: true);
        (await ErrorFields(await Admin.GetAsync("/stations?district=1402130"))).ShouldBe(["district"]);
        (await ErrorFields(await Admin.GetAsync($"/cases?caseworkerId={Guid.Empty}&status=7&pageSize=0")))
            .ShouldBe(["caseworkerId", "status", "pageSize"], ignoreOrder: true);
        (await ErrorFields(await Admin.GetAsync("/cases?status=Lost"))).ShouldBe(["status"]);
        (await ErrorFields(await Admin.GetAsync("/cases?stationId=not-an-id"))).ShouldBe(["stationId"]);
        (await ErrorFields(await Admin.GetAsync("/households?page=-1"))).ShouldBe(["page"]);
        (await ErrorFields(await Admin.GetAsync($"/activities?stationId={Guid.Empty}&pageSize=101")))
            .ShouldBe(["stationId", "pageSize"], ignoreOrder: true);
        (await ErrorFields(await Admin.GetAsync("/activities?page=two"))).ShouldBe(["page"]);
    }
}
