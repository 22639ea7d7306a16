using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>The resource directory in HSDS 3.0 JSON: import, export, and a round trip that changes nothing.</summary>
/// <remarks>
/// <see cref="OpenReferralShapedDirectory"/> follows the shape of Open Referral's published examples
/// (examples/organization_full.json and service_full.json in github.com/openreferral/specification,
/// branch 3.1-dev; HSDS is "an Open Referral resource", https://openreferral.org/, CC BY-SA 4.0):
/// every field they carry, with our own values; none of their text is copied.
/// </remarks>
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
                        service_areas = new[]
                        {
                            new { name = "阳高县", attributes = new[] { new { taxonomy_term = new { code = "district", taxonomy = "fivesoc:area-level" } } } },
                            new { name = "LQ-1", attributes = new[] { new { taxonomy_term = new { code = "grid", taxonomy = "fivesoc:area-level" } } } },
                        },
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

    /// <summary>An organization as HSDS 3.0/3.1 publishes one, every field present, ours or not.</summary>
    private static string OpenReferralShapedDirectory(string creditCode, Guid organization, Guid service) => $$"""
        {
          "organizations": [{
            "id": "{{organization}}", "name": "灵丘县红石塄乡社会工作服务站", "alternate_name": "红石塄社工站",
            "description": "Social work station running a volunteer companionship programme for elders who live alone.",
            "email": "hsl@example.org", "website": "http://example.org/hsl", "additional_websites": [],
            "tax_status": "exempt", "year_incorporated": 2021, "legal_status": "社会服务机构", "logo": "http://example.org/logo.png",
            "uri": "http://example.org/org/hsl", "parent_organization_id": null, "funding": [], "phones": [], "locations": [], "programs": [],
            "organization_identifiers": [{ "id": "{{Guid.NewGuid()}}", "identifier_scheme": "CN-USCC", "identifier_type": "统一社会信用代码", "identifier": "{{creditCode}}" }],
            "contacts": [{ "id": "{{Guid.NewGuid()}}", "name": "赵站长", "title": "Station head", "department": "Services", "email": "zhao@example.org",
                           "phones": [{ "id": "{{Guid.NewGuid()}}", "number": "0352-8521234", "extension": 12, "type": "voice", "description": "Weekdays", "languages": [] }] }],
            "attributes": [{ "id": "{{Guid.NewGuid()}}", "link_type": "provider_kind", "link_entity": "organization", "value": null, "label": "kind",
                             "taxonomy_term": { "id": "{{Guid.NewGuid()}}", "code": "SocialOrganization", "name": "Social organization",
                                                "description": "社会组织", "taxonomy": "fivesoc:provider-kind", "language": "zho" } }],
            "metadata": [],
            "services": [{
              "id": "{{service}}", "organization_id": "{{organization}}", "program_id": null, "name": "Weekly companionship visit",
              "alternate_name": "陪伴探访", "description": "A volunteer visits once a week for an hour.", "url": "http://example.org/visits",
              "additional_urls": [], "email": "visits@example.org", "status": "active", "interpretation_services": "Mandarin and the local dialect",
              "application_process": "Through the station's caseworker", "fees_description": "Free", "wait_time": "One week", "fees": "None",
              "accreditations": "", "eligibility_description": "Elders aged 70 and over who live alone", "minimum_age": 70, "maximum_age": 120,
              "assured_date": "2026-10-01", "assurer_email": "qa@example.org", "licenses": "", "alert": "", "last_modified": "2026-11-20T09:30:00.000Z",
              "phones": [], "languages": [], "funding": [], "cost_options": [], "program": null, "required_documents": [], "contacts": [], "metadata": [],
              "schedules": [{ "id": "{{Guid.NewGuid()}}", "valid_from": "2026-11-01", "valid_to": "2027-10-31", "dtstart": "2026-11-03", "timezone": 8,
                              "until": "2027-10-31", "count": null, "wkst": "MO", "freq": "WEEKLY", "interval": 1, "byday": "TU,TH", "byweekno": "",
                              "bymonthday": "", "byyearday": "", "description": "Tuesday and Thursday afternoons", "opens_at": "14:00:00",
                              "closes_at": "16:00:00", "schedule_link": "http://example.org/visits/schedule", "attending_type": "in person", "notes": "" }],
              "service_areas": [{ "id": "{{Guid.NewGuid()}}", "name": "红石塄乡", "description": "The whole township", "extent": null, "extent_type": "text",
                                  "uri": "http://example.org/areas/hsl",
                                  "attributes": [{ "id": "{{Guid.NewGuid()}}", "taxonomy_term": { "id": "{{Guid.NewGuid()}}", "code": "township",
                                                   "name": "Township", "description": "乡镇", "taxonomy": "fivesoc:area-level" } }] }],
              "capacities": [{ "id": "{{Guid.NewGuid()}}", "unit": { "id": "{{Guid.NewGuid()}}", "name": "visits", "scheme": "", "identifier": "visit", "uri": "http://example.org/units/visit" },
                               "available": 12, "maximum": 12, "description": "Volunteer pairs free each week", "updated": "2026-11-20T09:30:00.5+08:00" }],
              "attributes": [
                { "id": "{{Guid.NewGuid()}}", "link_type": "category", "link_entity": "service", "value": null, "label": null,
                  "taxonomy_term": { "id": "{{Guid.NewGuid()}}", "code": "Companionship", "name": "Companionship", "description": "陪伴探访", "taxonomy": "fivesoc:need-category" } },
                { "id": "{{Guid.NewGuid()}}", "link_type": "eligibility", "link_entity": "service", "value": null, "label": null,
                  "taxonomy_term": { "id": "{{Guid.NewGuid()}}", "code": "LivesAlone", "name": "Lives alone", "description": "独居", "taxonomy": "fivesoc:client-category" } }
              ],
              "service_at_locations": [{ "id": "{{Guid.NewGuid()}}", "description": "From the station", "service_areas": [], "contacts": [], "phones": [], "schedules": [],
                                         "location": { "id": "{{Guid.NewGuid()}}", "location_type": "physical", "url": null, "name": "红石塄乡社工站",
                                                       "alternate_name": null, "description": null, "transportation": "Bus 3", "latitude": 39.43, "longitude": 114.24,
                                                       "external_identifier": null, "external_identifier_type": null, "languages": [], "addresses": [],
                                                       "contacts": [], "accessibility": [], "phones": [], "schedules": [], "attributes": [], "metadata": [] } }]
            }]
          }]
        }
        """;

    [Fact]
    public async Task A_directory_shaped_like_Open_Referrals_published_examples_imports_and_exports_in_the_same_shape()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var (organization, service) = (Guid.NewGuid(), Guid.NewGuid());
        var imported = await admin.PostAsync("/directory/hsds",
            new StringContent(OpenReferralShapedDirectory(MatchingFixture.NewCreditCode(), organization, service), System.Text.Encoding.UTF8, "application/json"));
        (await HttpJson.Json(imported)).GetProperty("newServices").GetInt32().ShouldBe(1);

        var offer = await HttpJson.Json(await admin.GetAsync($"/offers/{service}"));
        offer.GetProperty("category").GetString().ShouldBe("Companionship");
        offer.GetProperty("capacity").GetInt32().ShouldBe(12);
        offer.GetProperty("area").GetProperty("townships").EnumerateArray().Single().GetString().ShouldBe("红石塄乡");
        offer.GetProperty("eligibility").GetProperty("minAge").GetInt32().ShouldBe(70);
        offer.GetProperty("schedule").GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(["Tuesday", "Thursday"]);

        // What we export carries every field HSDS requires (schema/*.json "required"), with ids.
        var exported = JsonDocument.Parse(await (await admin.GetAsync("/directory/hsds")).Content.ReadAsStringAsync()).RootElement
            .GetProperty("organizations").EnumerateArray().Single(o => o.GetProperty("id").GetString() == organization.ToString());
        void Requires(JsonElement element, params string[] fields)
        {
            foreach (var field in fields) element.TryGetProperty(field, out var value).ShouldBeTrue(field);
        }
        Requires(exported, "id", "name", "description");
        Requires(exported.GetProperty("organization_identifiers")[0], "id", "identifier_type", "identifier");
        Requires(exported.GetProperty("contacts")[0], "id");
        Requires(exported.GetProperty("contacts")[0].GetProperty("phones")[0], "id", "number");
        Requires(exported.GetProperty("attributes")[0], "id");
        Requires(exported.GetProperty("attributes")[0].GetProperty("taxonomy_term"), "id", "name", "description");
        var exportedService = exported.GetProperty("services")[0];
        Requires(exportedService, "id", "name", "status");
        Requires(exportedService.GetProperty("schedules")[0], "id");
        Requires(exportedService.GetProperty("service_areas")[0], "id");
        Requires(exportedService.GetProperty("capacities")[0], "id", "unit", "available", "updated");
        Requires(exportedService.GetProperty("capacities")[0].GetProperty("unit"), "id", "name");
        Requires(exportedService.GetProperty("service_at_locations")[0], "id");
        Requires(exportedService.GetProperty("service_at_locations")[0].GetProperty("location"), "id", "location_type");
        exportedService.GetProperty("schedules")[0].GetProperty("opens_at").GetString().ShouldBe("14:00:00");
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
        // The refusal names the organization whose code is taken, as the import's other problems do.
        var refusal = JsonDocument.Parse(await taken.Content.ReadAsStringAsync()).RootElement;
        refusal.GetProperty("rule").GetString().ShouldBe("provider.credit-code-taken");
        refusal.GetProperty("field").GetString().ShouldBe("organizations[0].organization_identifiers");
        (await admin.GetAsync($"/offers/{second}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_specifications_own_example_imports_with_a_report_of_what_it_lacks()
    {
        // Another tool's directory: no credit code, none of our taxonomies, no capacity, a latitude of 100.
        var admin = matching.ClientAs(Roles.Admin);
        var example = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "FiveSocieties.IntegrationTests", "Matching", "Fixtures",
            "openreferral-organization_full.json"));
        var response = await admin.PostAsync("/directory/hsds", new StringContent(example, System.Text.Encoding.UTF8, "application/json"));
        var imported = await HttpJson.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        imported.GetProperty("organizations").GetInt32().ShouldBe(1);
        imported.GetProperty("services").GetInt32().ShouldBe(1);
        var missing = imported.GetProperty("missing").EnumerateArray()
            .ToDictionary(n => n.GetProperty("field").GetString()!, n => (Code: n.GetProperty("code").GetString()!, Note: n.GetProperty("note").GetString()!));
        missing.Keys.ShouldBe([
            "organizations[0].organization_identifiers", "organizations[0].attributes", "organizations[0].services[0].attributes",
            "organizations[0].services[0].capacities", "organizations[0].services[0].service_areas[0]",
            "organizations[0].services[0].service_at_locations[0].location",
        ], ignoreOrder: true);
        missing.Values.Select(m => m.Code).ShouldBe(["no-credit-code", "no-provider-kind", "category-from-name", "no-capacity", "no-area-code", "no-coordinates"],
            ignoreOrder: true);
        // Said in the reader's language: Chinese unless English is asked for (below).
        missing["organizations[0].services[0].attributes"].Note.ShouldBe("没有 fivesoc:need-category 分类：按名称或简介中提到的心理疏导登记。");
        missing["organizations[0].services[0].service_at_locations[0].location"].Note.ShouldStartWith("坐标不可用（纬度 100");

        var provider = await HttpJson.Json(await admin.GetAsync("/providers/d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"));
        provider.GetProperty("name").GetString().ShouldBe("Example Organization Inc.");
        provider.GetProperty("kind").GetString().ShouldBe("SocialOrganization");
        provider.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Ann Persona");
        var offer = await HttpJson.Json(await admin.GetAsync("/offers/ac148810-d857-441c-9679-408f346de14b"));
        offer.GetProperty("category").GetString().ShouldBe("Counselling");
        offer.GetProperty("capacity").GetInt32().ShouldBe(1);
        offer.GetProperty("eligibility").GetProperty("minAge").GetInt32().ShouldBe(12);
        (!offer.TryGetProperty("servicePoint", out var point) || point.ValueKind == JsonValueKind.Null).ShouldBeTrue("no service point from a latitude of 100");

        // Imported again, it changes nothing (the empty credit code is no one else's).
        using var inEnglish = new HttpRequestMessage(HttpMethod.Post, "/directory/hsds")
        {
            Content = new StringContent(example, System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "Accept-Language", "en" } },
        };
        var again = await HttpJson.Json(await admin.SendAsync(inEnglish));
        again.GetProperty("newServices").GetInt32().ShouldBe(0);
        again.GetProperty("missing").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "category-from-name")
            .GetProperty("note").GetString().ShouldBe("no fivesoc:need-category term: taken as Counselling, which its name or description names.");
    }
}
