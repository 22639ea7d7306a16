using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Stations.Coverage;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Districts, their townships and stations over HTTP, and the coverage report built from their events.</summary>
public sealed class StationCoverageTests(CasesService cases) : IClassFixture<CasesService>
{
    private HttpClient Admin => cases.Host.ClientAs(Roles.Admin);
    private HttpClient Supervisor => cases.Host.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid());
    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid());
    /// <summary>The district's own officer: with an admin, the only one who changes its townships and stations.</summary>
    private HttpClient OfficerOf(string district) => cases.Host.ClientAs(Roles.DistrictOfficer, districtCode: district);

    /// <summary>A district code of our own (the fixture is shared by this class's tests); 9 is no province's prefix.</summary>
    private static string NewDistrictCode() => "9" + Random.Shared.Next(0, 100_000).ToString("00000");

    private static string Township(string district, int number) => $"{district}{number:000}";

    private static object Townships(string districtName, string district, int count) => new
    {
        districtName,
        townships = Enumerable.Range(1, count).Select(i => new { code = Township(district, i), name = $"第{i}街道" }),
    };

    private static async Task<string?> Rule(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe((HttpStatusCode)422, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString();
    }

    private static async Task<IReadOnlyList<string>> ErrorFields(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
    }

    private async Task<Guid> OpenStationAsync(string district, string township, bool registered)
    {
        var stationId = Guid.NewGuid();
        var opened = await OfficerOf(district).PostAsJsonAsync("/stations",
            new { stationId, districtCode = district, townshipCode = township, name = $"{township}社工站", registeredInNationalSystem = registered });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return stationId;
    }

    /// <summary>A district with <paramref name="townships"/> townships and stations in the first ones, the first <paramref name="registered"/> of them registered.</summary>
    private async Task<string> DistrictAsync(string name, int townships, int stations, int registered)
    {
        var district = NewDistrictCode();
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", Townships(name, district, townships))).StatusCode.ShouldBe(HttpStatusCode.Created);
        for (var i = 1; i <= stations; i++) await OpenStationAsync(district, Township(district, i), registered: i <= registered);
        return district;
    }

    [Fact]
    public async Task Five_registered_stations_in_eight_townships_are_62_5_percent_coverage()
    {
        var district = NewDistrictCode();
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", Townships("平城区", district, 8))).StatusCode.ShouldBe(HttpStatusCode.Created);
        for (var i = 1; i <= 4; i++) await OpenStationAsync(district, Township(district, i), registered: true);
        var late = await OpenStationAsync(district, Township(district, 5), registered: false);
        await OpenStationAsync(district, Township(district, 6), registered: false);

        var before = await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"));
        before.GetProperty("coverage").GetDouble().ShouldBe(0.5);

        var registration = await OfficerOf(district).PostAsync($"/stations/{late}/national-registration", null);
        registration.StatusCode.ShouldBe(HttpStatusCode.OK);
        registration.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var report = await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"));
        report.GetProperty("districtCode").GetString().ShouldBe(district);
        report.GetProperty("districtName").GetString().ShouldBe("平城区");
        report.GetProperty("townships").GetInt32().ShouldBe(8);
        report.GetProperty("townshipsWithRegisteredStation").GetInt32().ShouldBe(5);
        report.GetProperty("coverage").GetDouble().ShouldBe(0.625);
        report.GetProperty("stationsRegistered").GetInt32().ShouldBe(5);
        report.GetProperty("stations").GetInt32().ShouldBe(6);

        var station = await Json(await Caseworker.GetAsync($"/stations/{late}"));
        station.GetProperty("registeredInNationalSystem").GetBoolean().ShouldBeTrue();
        station.GetProperty("townshipCode").GetString().ShouldBe(Township(district, 5));
    }

    [Fact]
    public async Task City_coverage_adds_up_its_districts()
    {
        var before = await Json(await Caseworker.GetAsync("/coverage"));
        var tianzhen = await DistrictAsync("天镇县", townships: 4, stations: 3, registered: 3);
        var guangling = await DistrictAsync("广灵县", townships: 6, stations: 2, registered: 1);

        var city = await Json(await Supervisor.GetAsync("/coverage"));
        var rows = city.GetProperty("districts").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("districtCode").GetString()).ShouldBe(rows.Select(r => r.GetProperty("districtCode").GetString()).Order(StringComparer.Ordinal));
        var row = rows.Single(r => r.GetProperty("districtCode").GetString() == tianzhen);
        row.GetProperty("districtName").GetString().ShouldBe("天镇县");
        row.GetProperty("coverage").GetDouble().ShouldBe(0.75);
        rows.Single(r => r.GetProperty("districtCode").GetString() == guangling).GetProperty("coverage").GetDouble().ShouldBe(0.167);

        foreach (var total in new[] { "townships", "townshipsWithRegisteredStation", "stationsRegistered", "stations" })
            city.GetProperty(total).GetInt32().ShouldBe(rows.Sum(r => r.GetProperty(total).GetInt32()), total);
        (city.GetProperty("townships").GetInt32() - before.GetProperty("townships").GetInt32()).ShouldBe(10);
        (city.GetProperty("townshipsWithRegisteredStation").GetInt32() - before.GetProperty("townshipsWithRegisteredStation").GetInt32()).ShouldBe(4);
        (city.GetProperty("stations").GetInt32() - before.GetProperty("stations").GetInt32()).ShouldBe(5);
        city.GetProperty("coverage").GetDouble().ShouldBe(Math.Round(
            (double)city.GetProperty("townshipsWithRegisteredStation").GetInt32() / city.GetProperty("townships").GetInt32(), 3));
    }

    [Fact]
    public async Task Repeating_a_registration_or_an_opening_changes_nothing()
    {
        var district = NewDistrictCode();
        var body = Townships("云州区", district, 3);
        var first = await Admin.PostAsJsonAsync($"/districts/{district}/townships", body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await Admin.PostAsJsonAsync($"/districts/{district}/townships", body);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(again)).GetProperty("townshipsAdded").GetInt32().ShouldBe(0);
        again.Headers.ETag.ShouldBe(first.Headers.ETag);

        var more = await Json(await Admin.PostAsJsonAsync($"/districts/{district}/townships", Townships("云州区", district, 4)));
        more.GetProperty("townshipsAdded").GetInt32().ShouldBe(1);

        var stationId = Guid.NewGuid();
        var station = new { stationId, districtCode = district, townshipCode = Township(district, 1), name = "西坪镇社工站", registeredInNationalSystem = false };
        (await OfficerOf(district).PostAsJsonAsync("/stations", station)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var repeat = await OfficerOf(district).PostAsJsonAsync("/stations", station);
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(repeat)).GetProperty("id").GetGuid().ShouldBe(stationId);
        (await OfficerOf(district).PostAsync($"/stations/{stationId}/national-registration", null)).Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await OfficerOf(district).PostAsync($"/stations/{stationId}/national-registration", null)).Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await OfficerOf(district).PostAsJsonAsync("/stations", station)).StatusCode.ShouldBe(HttpStatusCode.OK, "the original request, repeated after registration");

        var report = await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"));
        report.GetProperty("townships").GetInt32().ShouldBe(4);
        report.GetProperty("stations").GetInt32().ShouldBe(1);
        report.GetProperty("stationsRegistered").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_codes_are_refused_naming_every_field_and_write_nothing()
    {
        var townships = await Admin.PostAsJsonAsync("/districts/14021/townships",
            new { townships = new object?[] { new { code = "14021300", name = "新建街道" }, new { code = "140213002" }, null } });
        (await ErrorFields(townships)).ShouldBe(
            ["code", "districtName", "townships[0].code", "townships[1].name", "townships[2].code", "townships[2].name"], ignoreOrder: true);

        var district = NewDistrictCode();
        var repeated = await Admin.PostAsJsonAsync($"/districts/{district}/townships",
            new { districtName = "云冈区", townships = new[] { new { code = Township(district, 1), name = "a" }, new { code = Township(district, 1), name = "a" } } });
        (await ErrorFields(repeated)).ShouldBe(["townships"]);
        (await ErrorFields(await Admin.PostAsJsonAsync($"/districts/{district}/townships", new { districtName = "云冈区" }))).ShouldBe(["townships"]);

        var station = await Admin.PostAsJsonAsync("/stations", new { stationId = Guid.Empty, districtCode = "14O213", townshipCode = "1402130001" });
        (await ErrorFields(station)).ShouldBe(["stationId", "districtCode", "townshipCode", "name"], ignoreOrder: true);

        (await ErrorFields(await Caseworker.GetAsync("/districts/pingcheng/coverage"))).ShouldBe(["code"]);
        (await Caseworker.GetAsync($"/districts/{district}/coverage")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing was registered");
    }

    [Fact]
    public async Task An_unknown_district_or_station_is_not_found()
    {
        (await Caseworker.GetAsync($"/districts/{NewDistrictCode()}/coverage")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.GetAsync($"/stations/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.PostAsync($"/stations/{Guid.NewGuid()}/national-registration", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stations_only_go_to_free_registered_townships_of_their_district()
    {
        var district = NewDistrictCode();
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", Townships("阳高县", district, 2))).EnsureSuccessStatusCode();
        await OpenStationAsync(district, Township(district, 1), registered: true);

        var taken = await OfficerOf(district).PostAsJsonAsync("/stations", new { districtCode = district, townshipCode = Township(district, 1), name = "第二站" });
        (await Rule(taken)).ShouldBe("station.township-taken");
        var unknown = await OfficerOf(district).PostAsJsonAsync("/stations", new { districtCode = district, townshipCode = Township(district, 3), name = "x" });
        (await Rule(unknown)).ShouldBe("station.unknown-township");
        var elsewhereCode = NewDistrictCode();
        var elsewhere = await OfficerOf(elsewhereCode).PostAsJsonAsync("/stations", new { districtCode = elsewhereCode, townshipCode = Township(district, 2), name = "x" });
        (await Rule(elsewhere)).ShouldBe("station.unknown-township");

        // A township belongs to the district its code begins with, and to no other.
        var other = NewDistrictCode();
        var foreign = await Admin.PostAsJsonAsync($"/districts/{other}/townships",
            new { districtName = "灵丘县", townships = new[] { new { code = Township(district, 2), name = "第2街道" } } });
        (await Rule(foreign)).ShouldBe("district.township-of-another-district");

        var report = await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"));
        report.GetProperty("stations").GetInt32().ShouldBe(1, "refused stations left nothing behind");
        (await Caseworker.GetAsync($"/districts/{other}/coverage")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_admin_or_the_district_s_own_officer_changes_its_townships_and_stations()
    {
        var district = NewDistrictCode();
        var neighbour = OfficerOf(NewDistrictCode());
        var townships = Townships("新荣区", district, 2);
        (await Caseworker.PostAsJsonAsync($"/districts/{district}/townships", townships)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Supervisor.PostAsJsonAsync($"/districts/{district}/townships", townships)).StatusCode.ShouldBe(HttpStatusCode.Forbidden,
            "a station's supervisor does not draw the district's map");
        await ShouldBeAnotherDistrictsAsync(await neighbour.PostAsJsonAsync($"/districts/{district}/townships", townships), district);
        (await Caseworker.GetAsync($"/districts/{district}/coverage")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing was registered");
        (await OfficerOf(district).PostAsJsonAsync($"/districts/{district}/townships", townships)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var station = new { districtCode = district, townshipCode = Township(district, 1), name = "堡子湾社工站" };
        (await Caseworker.PostAsJsonAsync("/stations", station)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Supervisor.PostAsJsonAsync("/stations", station)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ShouldBeAnotherDistrictsAsync(await neighbour.PostAsJsonAsync("/stations", station), district);
        (await cases.Host.ClientAs(Roles.Volunteer).GetAsync($"/districts/{district}/coverage")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cases.Host.CreateClient().GetAsync("/coverage")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var stationId = (await Json(await OfficerOf(district).PostAsJsonAsync("/stations", station))).GetProperty("id").GetGuid();
        (await Json(await Admin.PostAsJsonAsync("/stations", station with { townshipCode = Township(district, 2) }))).GetProperty("version").GetInt64().ShouldBe(1);

        (await Caseworker.PostAsync($"/stations/{stationId}/national-registration", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Supervisor.PostAsync($"/stations/{stationId}/national-registration", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ShouldBeAnotherDistrictsAsync(await neighbour.PostAsync($"/stations/{stationId}/national-registration", null), district);
        var report = await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"));
        (report.GetProperty("stations").GetInt32(), report.GetProperty("stationsRegistered").GetInt32()).ShouldBe((2, 0), "the refusals wrote nothing");
        (await OfficerOf(district).PostAsync($"/stations/{stationId}/national-registration", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_district_officer_reads_its_district_s_stations_counts_and_no_case_file()
    {
        var district = await DistrictAsync("浑源县", townships: 2, stations: 1, registered: 1);
        var stationId = (await Json(await Caseworker.GetAsync($"/stations?district={district}"))).GetProperty("items")[0].GetProperty("id").GetGuid();
        var caseId = Guid.NewGuid();
        (await cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), stationId).PostAsJsonAsync("/cases",
            Backbone.FourServicesTests.NewCase(caseId, stationId: stationId))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var officer = OfficerOf(district);
        (await Json(await officer.GetAsync($"/stations/{stationId}/dashboard"))).GetProperty("openCases").GetInt32().ShouldBe(1);
        (await Json(await officer.GetAsync($"/stations?district={district}"))).GetProperty("total").GetInt32().ShouldBe(1);
        (await officer.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no case file contents");
        (await officer.GetAsync($"/stations/{stationId}/overdue-visits")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no list of clients");
        (await OfficerOf(NewDistrictCode()).GetAsync($"/stations/{stationId}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.NotFound,
            "another district's station is not theirs to read");
    }

    /// <summary>403 naming the rule, in Chinese (the default language).</summary>
    private static async Task ShouldBeAnotherDistrictsAsync(HttpResponseMessage response, string district)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rule").GetString().ShouldBe("district.not-yours");
        problem.GetProperty("detail").GetString().ShouldBe($"只有管理员或区县 {district} 的值班员才能变更其乡镇和社工站。");
    }

    [Fact]
    public async Task The_coverage_report_is_rebuilt_from_the_events_alone()
    {
        var district = await DistrictAsync("云冈区", townships: 5, stations: 3, registered: 2);
        var before = (await Caseworker.GetStringAsync("/coverage"), await Caseworker.GetStringAsync($"/districts/{district}/coverage"));

        var store = cases.Host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(DistrictCoverage));
        (await Caseworker.GetAsync($"/districts/{district}/coverage")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the read documents are gone");

        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<DistrictCoverageProjection>(CancellationToken.None);

        var after = (await Caseworker.GetStringAsync("/coverage"), await Caseworker.GetStringAsync($"/districts/{district}/coverage"));
        after.ShouldBe(before);
        (await Json(await Caseworker.GetAsync($"/districts/{district}/coverage"))).GetProperty("coverage").GetDouble().ShouldBe(0.4);
    }
}
