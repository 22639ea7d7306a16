using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.Web;

namespace FiveSocieties.IntegrationTests.Web;

/// <summary>The situation map's optional tile server: told to the app, allowed by the CSP only when configured.</summary>
public sealed class MapTilesTests
{
    [Fact]
    public async Task Without_a_tile_server_the_app_is_told_none_and_the_policy_allows_no_other_image_origin()
    {
        await using var web = new WebHost(WebHost.CityAddresses());
        using var response = await web.Browser().GetAsync("/app-settings");
        response.EnsureSuccessStatusCode();
        // The host writes no null properties: no tile address is an absent one.
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        (answer.TryGetProperty("mapTiles", out var tiles) ? tiles.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("img-src 'self' data: blob:;");
    }

    [Fact]
    public async Task A_configured_tile_server_is_told_to_the_app_and_its_origin_allowed_for_images()
    {
        const string tiles = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
        var settings = WebHost.CityAddresses();
        settings["Web:MapTiles"] = tiles;
        await using var web = new WebHost(settings);
        using var response = await web.Browser().GetAsync("/app-settings");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mapTiles").GetString().ShouldBe(tiles);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("img-src 'self' data: blob: https://*.tile.openstreetmap.org;");
        csp.ShouldContain("connect-src 'self';");
    }

    [Theory]
    [InlineData("http://tiles.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.org/tile.png")]
    [InlineData("https://tiles.example.org/{z}/{x}/{y}.png; script-src *")]
    public void A_tile_address_that_is_not_an_https_template_stops_the_host_naming_the_setting(string tiles)
    {
        var settings = WebHost.CityAddresses();
        settings["Web:MapTiles"] = tiles;
        using var web = new WebHost(settings);
        Should.Throw<Exception>(() => web.Server).ToString().ShouldContain("Web:MapTiles");
    }

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tiles.example.org:8443/a/{z}/{x}/{y}.png", "https://*.tiles.example.org:8443")]
    [InlineData(null, null)]
    public void The_policy_names_the_tile_server_by_its_origin(string? template, string? origin) =>
        WebSettings.MapTilesOrigin(template).ShouldBe(origin);
}
