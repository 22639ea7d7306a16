using System.IO.Compression;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.Matching.Directory;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>The data package without a server: what is written reads back as the same HSDS graph, and every problem in a package is named.</summary>
public sealed class HsdsDataPackageTests
{
    private static HsdsAttribute Attribute(string taxonomy, string code) =>
        new(Guid.NewGuid().ToString(), new HsdsTaxonomyTerm(Guid.NewGuid().ToString(), code, code, $"{taxonomy}: {code}", taxonomy));

    private static HsdsDirectory Sample()
    {
        var unit = new HsdsUnit(Guid.NewGuid().ToString(), "places");
        HsdsService Service(string name, string? description) => new(Guid.NewGuid().ToString(), name, description, "active", 60, null,
            [Attribute(HsdsTaxonomies.NeedCategory, "MealDelivery"), Attribute(HsdsTaxonomies.ClientGroup, "Elderly")],
            [new HsdsServiceArea(Guid.NewGuid().ToString(), "阳高县", [Attribute(HsdsTaxonomies.AreaLevel, "district")])],
            [new HsdsSchedule(Guid.NewGuid().ToString(), "WEEKLY", "MO,WE,FR", "11:00:00", "12:30:00", new DateOnly(2026, 11, 1), null)],
            [new HsdsCapacity(Guid.NewGuid().ToString(), 30, 28, unit, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8)))],
            [new HsdsServiceAtLocation(Guid.NewGuid().ToString(), new HsdsLocation(Guid.NewGuid().ToString(), "physical", 40.36, 113.75))]);
        var contact = new HsdsContact(Guid.NewGuid().ToString(), "王经理", [new HsdsPhone(Guid.NewGuid().ToString(), "0352-6621234")]);
        return new HsdsDirectory(
        [
            new HsdsOrganization(Guid.NewGuid().ToString(), "长者食堂, 龙泉镇", "Canteen \"for elders\"", null,
                [new HsdsIdentifier(Guid.NewGuid().ToString(), HsdsTaxonomies.CreditCodeScheme, "统一社会信用代码", "91350100M000100Y43")], [contact],
                [Attribute(HsdsTaxonomies.ProviderKind, "Canteen")],
                [Service("Lunch delivered", "Hot lunch,\r\nthree days a week"), Service("Dinner", null)]),
            new HsdsOrganization(Guid.NewGuid().ToString(), "No services yet", "—", "x@example.org", [], [], [], []),
        ]);
    }

    [Fact]
    public async Task A_written_package_reads_back_as_the_same_graph()
    {
        var directory = Sample();
        var package = await HsdsDataPackage.ReadAsync(new MemoryStream(HsdsDataPackage.Write(directory)), CancellationToken.None);
        JsonSerializer.Serialize(package.Directory).ShouldBe(JsonSerializer.Serialize(directory));
        package.Sources["organizations[0].services[1]"].ShouldBe("services.csv row 3");
        package.Sources["organizations[0].services[0].service_at_locations[0].location"].ShouldBe("locations.csv row 2");
    }

    [Fact]
    public async Task Every_problem_in_a_package_is_named_by_file_row_and_column()
    {
        var files = new Dictionary<string, string>();
        using (var zip = new ZipArchive(new MemoryStream(HsdsDataPackage.Write(Sample()))))
            foreach (var entry in zip.Entries)
                files[entry.FullName] = new StreamReader(entry.Open()).ReadToEnd();
        var services = Csv.Parse(files["services.csv"]);
        files["services.csv"] = files["services.csv"].Replace(services[1][1], Guid.NewGuid().ToString());
        files["schedules.csv"] = files["schedules.csv"].Replace(Csv.Parse(files["schedules.csv"])[2][0], "dinner-1");
        files["units.csv"] = "id\r\n" + Csv.Parse(files["units.csv"])[1][0] + "\r\n";
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
                await using (var stream = zip.CreateEntry(name).Open()) stream.Write(Encoding.UTF8.GetBytes(text));
        output.Position = 0;

        var invalid = await Should.ThrowAsync<InvalidRequest>(() => HsdsDataPackage.ReadAsync(output, CancellationToken.None));
        invalid.Errors.Keys.Order().ShouldBe(["schedules.csv row 3: id", "services.csv row 2: organization_id", "services.csv row 3: organization_id", "units.csv: name"]);
    }

    [Fact]
    public async Task A_damaged_entry_is_a_problem_with_that_file_not_an_error_on_our_side()
    {
        var bytes = HsdsDataPackage.Write(Sample());
        // Corrupt the deflate data of the first entry (datapackage.json) right after its local header.
        var nameLength = BitConverter.ToUInt16(bytes, 26);
        var extraLength = BitConverter.ToUInt16(bytes, 28);
        for (var i = 30 + nameLength + extraLength; i < 30 + nameLength + extraLength + 16; i++) bytes[i] = 0xFF;
        var invalid = await Should.ThrowAsync<InvalidRequest>(() => HsdsDataPackage.ReadAsync(new MemoryStream(bytes), CancellationToken.None));
        invalid.Errors["datapackage.json"].Single().ShouldStartWith("cannot be unpacked");
    }

    [Fact]
    public async Task A_zip_that_understates_its_sizes_yields_no_more_than_it_declares()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            await using (var stream = zip.CreateEntry("datapackage.json").Open())
                stream.Write(new byte[21 * 1024 * 1024]);
        var bytes = output.ToArray();
        // Claim 100 bytes unpacked, in the local header and in the central directory, as a bomb would.
        BitConverter.TryWriteBytes(bytes.AsSpan(22, 4), 100u).ShouldBeTrue();
        var central = bytes.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0x50, 0x4B, 0x01, 0x02]);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), 100u).ShouldBeTrue();

        // .NET's zip reader stops at the declared size, so the 21 MB never come out: 100 zero bytes
        // are not JSON. The count in ReadAsync is the second line should a reader ever trust the data.
        var refused = await Should.ThrowAsync<InvalidRequest>(() => HsdsDataPackage.ReadAsync(new MemoryStream(bytes), CancellationToken.None));
        refused.Errors["datapackage.json"].Single().ShouldStartWith("is not valid JSON");
    }
}
