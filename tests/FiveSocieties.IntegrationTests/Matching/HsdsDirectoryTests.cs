using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>The resource directory in HSDS 3.0 JSON: import, export, and a round trip that changes nothing.</summary>
public sealed class HsdsDirectoryTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private static object Directory(string creditCode, Guid organization, Guid service, int capacity = 30) => new
    {
        organizations = new[]
        {
            new
            {
                id = organization.ToString(), name = "阳高县龙泉镇长者食堂", email = "canteen@example.org",
                organization_identifiers = new[] { new { identifier_scheme = "CN-USCC", identifier_type = "统一社会信用代码", identifier = creditCode } },
                contacts = new[] { new { name = "王经理", phones = new[] { new { number = "0352-6621234" } } } },
                attributes = new[] { new { taxonomy_term = new { code = "Canteen", taxonomy = "fivesoc:provider-kind" } } },
                services = new[]
                {
                    new
                    {
                        id = service.ToString(), name = "Lunch delivered", description = "Hot lunch, three days a week", status = "active",
                        minimum_age = (int?)60, maximum_age = (int?)null,
                        attributes = new[]
                        {
                            new { taxonomy_term = new { code = "MealDelivery", taxonomy = "fivesoc:need-category" } },
                            new { taxonomy_term = new { code = "Elderly", taxonomy = "fivesoc:client-group" } },
                            new { taxonomy_term = new { code = "LivesAlone", taxonomy = "fivesoc:client-category" } },
                        },
                        service_areas = new[] { new { name = "阳高县", extent_type = "district" }, new { name = "LQ-1", extent_type = "grid" } },
                        schedules = new[] { new { freq = "WEEKLY", byday = "MO,WE,FR", opens_at = "11:00", closes_at = "12:30", valid_from = "2026-11-01", valid_to = "2027-06-30" } },
                        capacities = new[] { new { maximum = capacity, available = capacity, unit = new { name = "places" } } },
                        service_at_locations = new[] { new { location = new { latitude = 40.36, longitude = 113.75 } } },
                    },
                },
            },
        },
    };

    [Fact]
    public async Task A_directory_imports_exports_and_imports_again_unchanged()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var organization = Guid.NewGuid();
        var service = Guid.NewGuid();
        var imported = await HttpJson.Json(await admin.PostAsJsonAsync("/directory/hsds", Directory(MatchingFixture.NewCreditCode(), organization, service)));
        imported.GetProperty("newServices").GetInt32().ShouldBe(1);

        var offer = await HttpJson.Json(await admin.GetAsync($"/offers/{service}"));
        offer.GetProperty("providerId").GetGuid().ShouldBe(organization);
        offer.GetProperty("capacity").GetInt32().ShouldBe(30);
        offer.GetProperty("schedule").GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(["Monday", "Wednesday", "Friday"]);

        var exported = await (await admin.GetAsync("/directory/hsds")).Content.ReadAsStringAsync();
        var org = JsonDocument.Parse(exported).RootElement.GetProperty("organizations").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == organization.ToString());
        org.GetProperty("id").GetString().ShouldBe(organization.ToString());
        var exportedService = org.GetProperty("services").EnumerateArray().Single();
        exportedService.GetProperty("schedules")[0].GetProperty("byday").GetString().ShouldBe("MO,WE,FR");
        exportedService.GetProperty("service_areas").GetArrayLength().ShouldBe(2);
        exportedService.GetProperty("capacities")[0].GetProperty("maximum").GetInt32().ShouldBe(30);

        var again = await admin.PostAsync("/directory/hsds", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"));
        (await HttpJson.Json(again)).GetProperty("newServices").GetInt32().ShouldBe(0);
        (await (await admin.GetAsync("/directory/hsds")).Content.ReadAsStringAsync()).ShouldBe(exported);
    }

    [Fact]
    public async Task An_invalid_directory_lists_every_problem_and_imports_nothing()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var good = Guid.NewGuid();
        var json = JsonSerializer.Serialize(Directory("91350100M000100Y44", Guid.NewGuid(), good, capacity: 0))
            .Replace("\"MealDelivery\"", "\"Flying\"").Replace("\"MO,WE,FR\"", "\"MO,XX\"");
        var response = await admin.PostAsync("/directory/hsds", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[]
                 {
                     "organizations[0].organization_identifiers", "organizations[0].services[0].attributes",
                     "organizations[0].services[0].capacities[0].maximum", "organizations[0].services[0].schedules[0].byday",
                 })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await admin.GetAsync($"/offers/{good}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A refusal by a rule (a credit code already registered) also leaves nothing behind.
        var code = MatchingFixture.NewCreditCode();
        await HttpJson.Json(await admin.PostAsJsonAsync("/directory/hsds", Directory(code, Guid.NewGuid(), Guid.NewGuid())));
        var second = Guid.NewGuid();
        var taken = await admin.PostAsJsonAsync("/directory/hsds", Directory(code, Guid.NewGuid(), second));
        taken.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await admin.GetAsync($"/offers/{second}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
