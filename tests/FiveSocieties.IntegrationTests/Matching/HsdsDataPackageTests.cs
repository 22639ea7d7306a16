using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Matching.Directory;

namespace FiveSocieties.IntegrationTests.Matching;

/// <summary>
/// The directory as HSDS's tabular data package (a zip of datapackage.json and CSV files): import,
/// export, round trip, and a 400 naming file, row and column for each kind of bad package.
/// </summary>
/// <remarks>
/// File and column names follow openreferral/specification's datapackage.json and examples/csv
/// (HSDS is "an Open Referral resource", https://openreferral.org/, CC BY-SA 4.0); values are ours.
/// </remarks>
public sealed class HsdsDataPackageTests(MatchingFixture matching) : IClassFixture<MatchingFixture>
{
    private static readonly string[] Resources =
    [
        "organization:organizations.csv", "organization_identifier:organization_identifiers.csv", "contact:contacts.csv", "phone:phones.csv",
        "service:services.csv", "service_area:service_areas.csv", "schedule:schedules.csv", "unit:units.csv", "service_capacity:service_capacity.csv",
        "location:locations.csv", "service_at_location:service_at_location.csv", "taxonomy_term:taxonomy_terms.csv", "attribute:attributes.csv",
    ];

    /// <summary>
    /// A package as another HSDS tool might write it: columns in another order, columns we do not
    /// read, a BOM, quoted commas, quotes and line breaks.
    /// </summary>
    internal static Dictionary<string, string> Files(string creditCode, Guid organization, Guid service, string capacity = "30")
    {
        string Id() => Guid.NewGuid().ToString();
        var (contact, unit, location, district, grid) = (Id(), Id(), Id(), Id(), Id());
        var (canteen, meals, elderly, districtLevel, gridLevel) = (Id(), Id(), Id(), Id(), Id());
        return new()
        {
            ["datapackage.json"] = JsonSerializer.Serialize(new
            {
                name = "human_services_data", profile = "tabular-data-package",
                resources = Resources.Select(r => r.Split(':')).Select(r => new { name = r[0], path = r[1] }),
            }),
            ["organizations.csv"] = $"id,name,alternate_name,description,email\r\n{organization},\"阳高县龙泉镇长者食堂\",长者食堂,\"Canteen, for elders\",canteen@example.org\r\n",
            ["organization_identifiers.csv"] = $"id,organization_id,identifier_scheme,identifier_type,identifier\r\n{Id()},{organization},CN-USCC,统一社会信用代码,{creditCode}\r\n",
            ["contacts.csv"] = $"id,organization_id,service_id,name\r\n{contact},{organization},,王经理\r\n",
            ["phones.csv"] = $"id,contact_id,number,type\r\n{Id()},{contact},0352-6621234,voice\r\n",
            ["services.csv"] = "\uFEFFid,organization_id,name,status,description,minimum_age,maximum_age,fees\r\n"
                               + $"{service},{organization},Lunch delivered,active,\"Hot lunch, three days a week\r\nSoup \"\"included\"\"\",60,,Free\r\n",
            ["service_areas.csv"] = $"id,service_id,name,extent_type\r\n{district},{service},阳高县,text\r\n{grid},{service},LQ-1,text\r\n",
            ["schedules.csv"] = $"id,service_id,freq,byday,opens_at,closes_at,valid_from,valid_to\r\n{Id()},{service},WEEKLY,\"MO,WE,FR\",11:00,12:30,2026-11-01,2027-06-30\r\n",
            ["units.csv"] = $"id,name,scheme\r\n{unit},places,\r\n",
            ["service_capacity.csv"] = $"id,service_id,unit_id,available,maximum,updated\r\n{Id()},{service},{unit},{capacity},{capacity},2026-11-20T09:30:00+08:00\r\n",
            ["locations.csv"] = $"id,location_type,name,latitude,longitude\r\n{location},physical,食堂,40.36,113.75\r\n",
            ["service_at_location.csv"] = $"id,service_id,location_id\r\n{Id()},{service},{location}\r\n",
            ["taxonomy_terms.csv"] = "id,code,name,description,taxonomy\r\n"
                                     + $"{canteen},Canteen,Canteen,长者食堂,fivesoc:provider-kind\r\n{meals},MealDelivery,Meal delivery,送餐,fivesoc:need-category\r\n"
                                     + $"{elderly},Elderly,Elderly,老年人,fivesoc:client-group\r\n{districtLevel},district,District,县区,fivesoc:area-level\r\n"
                                     + $"{gridLevel},grid,Grid,网格,fivesoc:area-level\r\n",
            ["attributes.csv"] = "id,link_id,taxonomy_term_id,link_type,link_entity,value\r\n"
                                 + $"{Id()},{organization},{canteen},,organization,\r\n{Id()},{service},{meals},,service,\r\n{Id()},{service},{elderly},,service,\r\n"
                                 + $"{Id()},{district},{districtLevel},,service_area,\r\n{Id()},{grid},{gridLevel},,service_area,\r\n",
        };
    }

    internal static byte[] Zip(Dictionary<string, string> files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        return output.ToArray();
    }

    private static ByteArrayContent ZipContent(byte[] bytes) => new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } };

    private async Task<byte[]> ExportZip(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/directory/hsds") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/zip") } } };
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<string[]> Table(byte[] zip, string file)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(file)!.Open());
        return Csv.Parse(reader.ReadToEnd());
    }

    [Fact]
    public async Task A_data_package_imports_exports_and_imports_again_unchanged_and_matches_the_JSON_export()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var (organization, service) = (Guid.NewGuid(), Guid.NewGuid());
        var imported = await HttpJson.Json(await admin.PostAsync("/directory/hsds", ZipContent(Zip(Files(MatchingFixture.NewCreditCode(), organization, service)))));
        imported.GetProperty("newServices").GetInt32().ShouldBe(1);

        var offer = await HttpJson.Json(await admin.GetAsync($"/offers/{service}"));
        offer.GetProperty("providerId").GetGuid().ShouldBe(organization);
        offer.GetProperty("category").GetString().ShouldBe("MealDelivery");
        offer.GetProperty("capacity").GetInt32().ShouldBe(30);
        offer.GetProperty("description").GetString().ShouldBe("Hot lunch, three days a week\r\nSoup \"included\"");
        offer.GetProperty("schedule").GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(["Monday", "Wednesday", "Friday"]);
        offer.GetProperty("area").GetProperty("grids").EnumerateArray().Single().GetString().ShouldBe("LQ-1");
        offer.GetProperty("eligibility").GetProperty("minAge").GetInt32().ShouldBe(60);

        var exported = await ExportZip(admin);
        (await (await admin.GetAsync("/directory/hsds?format=csv")).Content.ReadAsByteArrayAsync()).ShouldBe(exported);
        var json = await (await admin.GetAsync("/directory/hsds")).Content.ReadAsStringAsync();

        // The package holds the same objects as the JSON export, row for object.
        var organizations = JsonDocument.Parse(json).RootElement.GetProperty("organizations").EnumerateArray().ToList();
        var services = organizations.SelectMany(o => o.GetProperty("services").EnumerateArray()
            .Select(s => string.Join("|", s.GetProperty("id").GetString(), o.GetProperty("id").GetString(), s.GetProperty("name").GetString(), s.GetProperty("description").GetString())));
        Table(exported, "organizations.csv").Skip(1).Select(r => r[0]).ShouldBe(organizations.Select(o => o.GetProperty("id").GetString()));
        var servicesTable = Table(exported, "services.csv");
        servicesTable[0].ShouldBe(["id", "organization_id", "name", "description", "status", "minimum_age", "maximum_age"]);
        servicesTable.Skip(1).Select(r => string.Join("|", r[0], r[1], r[2], r[3])).ShouldBe(services);
        Table(exported, "service_capacity.csv").Count.ShouldBe(1 + organizations.Sum(o => o.GetProperty("services").GetArrayLength()));

        var again = await HttpJson.Json(await admin.PostAsync("/directory/hsds", ZipContent(exported)));
        again.GetProperty("newServices").GetInt32().ShouldBe(0);
        (await ExportZip(admin)).ShouldBe(exported);
        (await (await admin.GetAsync("/directory/hsds")).Content.ReadAsStringAsync()).ShouldBe(json);
    }

    public static TheoryData<string, string> BadPackages => new()
    {
        { "not a zip", "package" },
        { "no datapackage.json", "datapackage.json" },
        { "a listed file missing from the zip", "schedules.csv" },
        { "missing required column", "services.csv: organization_id" },
        { "bad uuid", "services.csv row 2: id" },
        { "unknown organization_id", "services.csv row 2: organization_id" },
        { "unknown attribute link_id", "attributes.csv row 2: link_id" },
        { "broken quoting", "services.csv row 2" },
        { "not a number", "locations.csv row 2: latitude" },
        { "a required date left empty", "service_capacity.csv row 2: updated" },
        { "capacity refused by the HSDS validation", "service_capacity.csv row 2: maximum" },
        { "unknown category refused by the HSDS validation", "services.csv row 2: attributes" },
    };

    [Theory, MemberData(nameof(BadPackages))]
    public async Task A_bad_package_is_refused_naming_file_row_and_column_and_imports_nothing(string problem, string field)
    {
        var admin = matching.ClientAs(Roles.Admin);
        var (organization, service) = (Guid.NewGuid(), Guid.NewGuid());
        var files = Files(MatchingFixture.NewCreditCode(), organization, service, capacity: problem.StartsWith("capacity", StringComparison.Ordinal) ? "0" : "30");
        string Replace(string file, string from, string to) => files[file] = files[file].Replace(from, to, StringComparison.Ordinal);
        switch (problem)
        {
            case "no datapackage.json": files.Remove("datapackage.json"); break;
            case "a listed file missing from the zip": files.Remove("schedules.csv"); break;
            case "missing required column": Replace("services.csv", "id,organization_id,", "id,org_id,"); break;
            case "bad uuid": Replace("services.csv", $"\r\n{service},", "\r\nnot-a-uuid,"); break;
            case "unknown organization_id": Replace("services.csv", $",{organization},", $",{Guid.NewGuid()},"); break;
            case "unknown attribute link_id": Replace("attributes.csv", $",{organization},", $",{Guid.NewGuid()},"); break;
            case "broken quoting": Replace("services.csv", ",Lunch delivered,", ",\"Lunch delivered,"); break;
            case "not a number": Replace("locations.csv", "40.36", "north"); break;
            case "a required date left empty": Replace("service_capacity.csv", ",2026-11-20T09:30:00+08:00", ","); break;
            case "unknown category refused by the HSDS validation": Replace("taxonomy_terms.csv", ",MealDelivery,", ",Flying,"); break;
        }
        var body = problem == "not a zip" ? Encoding.UTF8.GetBytes(files["organizations.csv"]) : Zip(files);

        var response = await admin.PostAsync("/directory/hsds", ZipContent(body));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue(text);
        // A file that cannot be read is one problem, not one more in every file that refers to it.
        if (problem is "broken quoting" or "not a zip" or "no datapackage.json") errors.EnumerateObject().Count().ShouldBe(1, text);
        (await admin.GetAsync($"/offers/{service}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/providers/{organization}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_package_that_unpacks_past_the_limit_or_holds_too_many_files_is_refused_unread()
    {
        var admin = matching.ClientAs(Roles.Admin);
        // 21 MB of one letter packs into some kilobytes: what a zip bomb looks like.
        var bomb = Files(MatchingFixture.NewCreditCode(), Guid.NewGuid(), Guid.NewGuid());
        bomb["services.csv"] += new string('a', 21 * 1024 * 1024);
        var packed = Zip(bomb);
        packed.Length.ShouldBeLessThan(1024 * 1024);
        var response = await admin.PostAsync("/directory/hsds", ZipContent(packed));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("20 MB");

        var crowded = Files(MatchingFixture.NewCreditCode(), Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < HsdsDataPackage.MaxEntries; i++) crowded[$"extra/{i}.txt"] = "";
        (await admin.PostAsync("/directory/hsds", ZipContent(Zip(crowded)))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_package_says_which_HSDS_version_each_field_follows_and_keeps_the_uuid_and_email_formats()
    {
        var admin = matching.ClientAs(Roles.Admin);
        await HttpJson.Json(await admin.PostAsync("/directory/hsds", ZipContent(Zip(Files(MatchingFixture.NewCreditCode(), Guid.NewGuid(), Guid.NewGuid())))));
        using var zip = new ZipArchive(new MemoryStream(await ExportZip(admin)));
        using var reader = new StreamReader(zip.GetEntry("datapackage.json")!.Open());
        var resources = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!);
        Field Of(string resource, string field) => new(resources[resource].GetProperty("schema").GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == field));

        // 3.1 added capacities: those say 3.1.0, field by field; the rest says 3.0.0.
        foreach (var resource in new[] { "service_capacity", "unit" })
        {
            resources[resource].GetProperty("fivesoc:hsds_version").GetString().ShouldBe("3.1.0");
            Of(resource, "id").Version.ShouldBe("3.1.0");
        }
        resources["service"].GetProperty("fivesoc:hsds_version").GetString().ShouldBe("3.0.0");
        Of("service", "name").Version.ShouldBe("3.0.0");
        // The specification's formats survive: ids and references are uuids, an e-mail an email.
        Of("organization", "id").Format.ShouldBe("uuid");
        Of("service", "organization_id").Format.ShouldBe("uuid");
        Of("attribute", "link_id").Format.ShouldBe("uuid");
        Of("organization", "email").Format.ShouldBe("email");
        Of("service", "name").Format.ShouldBe("default");

        var json = await HttpJson.Json(await admin.GetAsync("/directory/hsds"));
        var versions = json.GetProperty("fivesoc:hsds_version");
        versions.GetProperty("*").GetString().ShouldBe("3.0.0");
        versions.GetProperty("organizations[].services[].capacities").GetString().ShouldBe("3.1.0");
    }

    [Fact]
    public async Task What_a_package_lacks_is_reported_by_file_and_row()
    {
        var admin = matching.ClientAs(Roles.Admin);
        var service = Guid.NewGuid();
        var files = Files(MatchingFixture.NewCreditCode(), Guid.NewGuid(), service);
        // The table stays (datapackage.json lists it), its header alone: the service has no capacity row.
        files["service_capacity.csv"] = files["service_capacity.csv"].Split('\n')[0].TrimEnd('\r') + "\n";
        var imported = await HttpJson.Json(await admin.PostAsync("/directory/hsds", ZipContent(Zip(files))));
        var missing = imported.GetProperty("missing").EnumerateArray().Select(n => n.GetProperty("field").GetString()!).ToList();
        missing.ShouldContain(field => System.Text.RegularExpressions.Regex.IsMatch(field, @"^services\.csv row \d+: capacities$"), string.Join("; ", missing));
        (await HttpJson.Json(await admin.GetAsync($"/offers/{service}"))).GetProperty("capacity").GetInt32().ShouldBe(1);
    }

    private sealed record Field(JsonElement Schema)
    {
        public string? Version => Schema.GetProperty("fivesoc:hsds_version").GetString();
        public string? Format => Schema.GetProperty("format").GetString();
    }
}
