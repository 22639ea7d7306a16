using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using MassTransit;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>动态民情图 over HTTP: per grid as JSON, and as valid RFC 7946 GeoJSON.</summary>
public sealed class SituationMapTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker);

    private async Task<Guid> ClientInAsync(string grid, double lat, double lon, string group = "Elderly")
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker, latitude: lat, longitude: lon, grid: grid,
            birthDate: group == "Child" ? "2016-05-01" : "1944-01-01");
        return await cases.OpenCaseForAsync(Caseworker, household, member, group, grid);
    }

    [Fact]
    public async Task The_map_counts_each_grid_and_its_geojson_is_a_valid_feature_collection()
    {
        var a1 = await ClientInAsync("NHB-01", 40.4213, 114.0917);
        await ClientInAsync("NHB-01", 40.4391, 114.1122, "Child");
        var b1 = await ClientInAsync("NHB-02", 40.5012, 114.2031);
        (await Caseworker.PostAsJsonAsync($"/cases/{a1}/needs", new { category = "MealDelivery" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{b1}/needs", new { category = "Companionship" })).EnsureSuccessStatusCode();
        var now = cases.Clock.GetUtcNow();
        await cases.Neighbours.Bus.Publish(new V1.DeliveryMissed(Guid.NewGuid(), now, Guid.NewGuid(), a1, cases.Station, null,
            DateOnly.FromDateTime(now.UtcDateTime), V1.MissReason.VolunteerNoShow, true));

        var path = $"/stations/{cases.Station}/situation-map";
        var map = await Eventually.Until(async () => await Json(await Caseworker.GetAsync(path)),
            m => m.GetProperty("grids")[0].GetProperty("missedDeliveriesLast7Days").GetInt32() == 1, "the missed meal on the map");
        var grids = map.GetProperty("grids").EnumerateArray().ToList();
        grids.Select(g => g.GetProperty("grid").GetString()).ShouldBe(["NHB-01", "NHB-02"]);
        var first = grids[0];
        first.GetProperty("clients").GetInt32().ShouldBe(2);
        first.GetProperty("clientsByGroup").GetProperty("Elderly").GetInt32().ShouldBe(1);
        first.GetProperty("clientsByGroup").GetProperty("Child").GetInt32().ShouldBe(1);
        first.GetProperty("clientsByCategory").GetProperty("LivesAlone").GetInt32().ShouldBe(1);
        first.GetProperty("openNeedsByCategory").GetProperty("MealDelivery").GetInt32().ShouldBe(1);
        first.GetProperty("safetyChecksRequired").GetInt32().ShouldBe(1);
        first.GetProperty("centroid").GetProperty("latitude").GetDouble().ShouldBe((40.42 + 40.44) / 2, 1e-9);
        grids[1].GetProperty("openNeeds").GetInt32().ShouldBe(1);

        var geo = await Caseworker.GetAsync(path + "?format=geojson");
        geo.StatusCode.ShouldBe(HttpStatusCode.OK);
        geo.Content.Headers.ContentType!.MediaType.ShouldBe("application/geo+json");
        var collection = JsonDocument.Parse(await geo.Content.ReadAsStringAsync()).RootElement;
        collection.GetProperty("type").GetString().ShouldBe("FeatureCollection");
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        features.Count.ShouldBe(2);
        foreach (var feature in features)
        {
            feature.GetProperty("type").GetString().ShouldBe("Feature");
            feature.GetProperty("properties").ValueKind.ShouldBe(JsonValueKind.Object);
            var geometry = feature.GetProperty("geometry");
            geometry.GetProperty("type").GetString().ShouldBe("Point");
            var coordinates = geometry.GetProperty("coordinates").EnumerateArray().ToList();
            coordinates.Count.ShouldBe(2);
            coordinates.ShouldAllBe(c => c.ValueKind == JsonValueKind.Number);
            // [longitude, latitude]: 大同 lies near 114°E, 40°N.
            coordinates[0].GetDouble().ShouldBeInRange(113.0, 115.0);
            coordinates[1].GetDouble().ShouldBeInRange(39.0, 41.0);
        }
        features[1].GetProperty("geometry").GetProperty("coordinates")[0].GetDouble().ShouldBe(114.2, 1e-9);
        features[0].GetProperty("properties").GetProperty("missedDeliveriesLast7Days").GetInt32().ShouldBe(1);

        var bad = await Caseworker.GetAsync(path + "?format=kml");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("format");
        (await cases.Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid()).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
