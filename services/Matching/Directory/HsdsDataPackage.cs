// HSDS's tabular data package (a zip of datapackage.json and one CSV file per object, joined by
// ids: services.organization_id, attributes.link_id…) read into and written from the same
// HsdsDirectory graph as the JSON, so both formats share one validation and one import.
// Resource names, file names and columns follow openreferral/specification's datapackage.json
// (3.0; service_capacity and unit from 3.1-dev): note service_at_location.csv and
// service_capacity.csv are singular there. Only the columns we hold are read or written.
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.Http;

namespace FiveSocieties.Matching.Directory;

/// <summary>The package is bigger than we unpack (a zip bomb or a mistake): HTTP 413, nothing read further.</summary>
public sealed class HsdsPackageTooLarge(string message) : Exception(message);

/// <summary>A package read into the HSDS graph, with where each object came from ("services.csv row 3") to name problems the JSON validation finds.</summary>
public sealed record HsdsPackage(HsdsDirectory Directory, IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>Renames the JSON paths of a validation failure ("organizations[0].services[1].capacities[0].maximum") to the file and row they came from.</summary>
    public InvalidRequest Locate(InvalidRequest invalid)
    {
        var located = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (path, messages) in invalid.Errors)
        {
            var key = Locate(path);
            located[key] = located.TryGetValue(key, out var earlier) ? [.. earlier, .. messages] : messages;
        }
        return new InvalidRequest(located);
    }

    /// <summary>One JSON path as the file and row it came from ("services.csv row 3: capacities").</summary>
    public string Locate(string path)
    {
        var prefix = Sources.Keys.Where(p => path == p || path.StartsWith(p + ".", StringComparison.Ordinal) || path.StartsWith(p + "[", StringComparison.Ordinal))
            .MaxBy(p => p.Length);
        return prefix is null ? path : path.Length == prefix.Length ? Sources[prefix] : $"{Sources[prefix]}: {path[prefix.Length..].TrimStart('.')}";
    }
}

public static class HsdsDataPackage
{
    public const string ContentType = "application/zip";
    /// <summary>Ten times a city's directory; more is a mistake or an attack, refused before unpacking.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxEntries = 64;

    /// <summary>A column; <paramref name="Format"/> as the specification's schema gives it (uuid for ids, email), which a Table Schema validator checks.</summary>
    private sealed record Column(string Name, string Type = "string", bool Required = false, string? Format = null);

    private sealed record Resource(string Name, string Path, Column[] Columns, (string Column, string Resource)[] References)
    {
        /// <summary>The HSDS version this table follows: 3.1 brought service_capacity and unit; the rest is 3.0.</summary>
        public string HsdsVersion => Name is "service_capacity" or "unit" ? HsdsVersions.Capacity : HsdsVersions.Base;
    }

    private static Resource R(string name, string path, Column[] columns, params (string, string)[] references) => new(name, path, columns, references);

    private static readonly Column Id = new("id", Required: true, Format: "uuid");

    /// <summary>A reference to another table's id: a uuid as the id it names.</summary>
    private static Column Ref(string name, bool required = false) => new(name, Required: required, Format: "uuid");

    // Order matters for writing only: referenced tables first, as in the specification.
    private static readonly Resource[] Resources =
    [
        R("organization", "organizations.csv", [Id, new("name", Required: true), new("description", Required: true), new("email", Format: "email")]),
        R("organization_identifier", "organization_identifiers.csv",
            [Id, Ref("organization_id", required: true), new("identifier_scheme"), new("identifier_type", Required: true), new("identifier", Required: true)],
            ("organization_id", "organization")),
        R("contact", "contacts.csv", [Id, Ref("organization_id"), new("name")], ("organization_id", "organization")),
        R("phone", "phones.csv", [Id, Ref("contact_id"), new("number", Required: true)], ("contact_id", "contact")),
        R("service", "services.csv",
            [Id, Ref("organization_id", required: true), new("name", Required: true), new("description"), new("status", Required: true),
             new("minimum_age", "number"), new("maximum_age", "number")],
            ("organization_id", "organization")),
        R("location", "locations.csv", [Id, new("location_type", Required: true), new("latitude", "number"), new("longitude", "number")]),
        R("service_at_location", "service_at_location.csv", [Id, Ref("service_id", required: true), Ref("location_id", required: true)],
            ("service_id", "service"), ("location_id", "location")),
        R("schedule", "schedules.csv",
            [Id, Ref("service_id"), new("valid_from", "date"), new("valid_to", "date"), new("freq"), new("byday"), new("opens_at", "time"), new("closes_at", "time")],
            ("service_id", "service")),
        R("service_area", "service_areas.csv", [Id, Ref("service_id"), new("name")], ("service_id", "service")),
        R("unit", "units.csv", [Id, new("name", Required: true)]),
        R("service_capacity", "service_capacity.csv",
            [Id, Ref("service_id", required: true), Ref("unit_id", required: true), new("available", "number", Required: true), new("maximum", "number"),
             new("updated", "datetime", Required: true)],
            ("service_id", "service"), ("unit_id", "unit")),
        R("taxonomy_term", "taxonomy_terms.csv", [Id, new("code"), new("name", Required: true), new("description", Required: true), new("taxonomy")]),
        R("attribute", "attributes.csv",
            [Id, Ref("link_id", required: true), Ref("taxonomy_term_id", required: true), new("link_type"), new("link_entity", Required: true), new("value")],
            ("taxonomy_term_id", "taxonomy_term")),
    ];

    // ---- reading ----

    private sealed record Row(string File, int Number, Dictionary<string, string?> Values)
    {
        public string Where => $"{File} row {Number}";
        public string? this[string column] => Values.GetValueOrDefault(column);
    }

    public static async Task<HsdsPackage> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await CopyCappedAsync(body, buffer, MaxBytes, "The package is larger than 20 MB.", cancellationToken);
        buffer.Position = 0;
        var validator = new RequestValidator();
        ZipArchive zip;
        // The central directory is read lazily, on the first look at the entries: a damaged one shows there.
        try { zip = new ZipArchive(buffer, ZipArchiveMode.Read); _ = zip.Entries.Count; }
        catch (InvalidDataException) { throw Invalid("package", "is not a zip archive."); }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries) throw new HsdsPackageTooLarge($"The package has {zip.Entries.Count} files; at most {MaxEntries} are read.");
            if (zip.Entries.Sum(e => e.Length) > MaxBytes) throw new HsdsPackageTooLarge("The package unpacks to more than 20 MB.");
            var unpacked = 0L;
            async Task<byte[]> Unpack(ZipArchiveEntry entry)
            {
                // The sizes a zip declares can lie; count what actually comes out.
                var target = new MemoryStream();
                try
                {
                    await using var source = entry.Open();
                    await CopyCappedAsync(source, target, MaxBytes - unpacked, "The package unpacks to more than 20 MB.", cancellationToken);
                }
                catch (InvalidDataException) { throw Invalid(entry.FullName, "cannot be unpacked: the zip is damaged or uses a method other than deflate."); }
                unpacked += target.Length;
                return target.ToArray();
            }

            var descriptor = zip.Entries.Where(e => e.Name == "datapackage.json").MinBy(e => e.FullName.Length)
                ?? throw Invalid("datapackage.json", "is missing: the zip must hold datapackage.json naming its CSV resources.");
            var folder = descriptor.FullName[..^"datapackage.json".Length];
            var paths = ResourcePaths(await Unpack(descriptor), validator);
            validator.ThrowIfInvalid();

            var tables = new Dictionary<string, List<Row>>();
            var unreadable = new HashSet<string>(StringComparer.Ordinal);
            foreach (var resource in Resources)
            {
                if (!paths.TryGetValue(resource.Name, out var path))
                {
                    validator.Check(resource.Name is not ("organization" or "service"), "datapackage.json",
                        $"must list the {resource.Name} resource ({resource.Path}).");
                    tables[resource.Name] = [];
                    continue;
                }
                var entry = zip.GetEntry(folder + path);
                var rows = entry is null ? null : ReadTable(resource, path, await Unpack(entry), validator);
                if (entry is null) validator.Fail(path, "is listed in datapackage.json but not in the zip.");
                if (rows is null) unreadable.Add(resource.Name);
                tables[resource.Name] = rows ?? [];
            }
            // References are checked even when a table has other problems, so one 400 lists them all.
            CheckReferences(tables, unreadable, validator);
            validator.ThrowIfInvalid();
            return Assemble(tables);
        }
    }

    private static async Task CopyCappedAsync(Stream source, Stream target, long cap, string tooLarge, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (target.Length + read > cap) throw new HsdsPackageTooLarge(tooLarge);
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
    }

    private static InvalidRequest Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Resource name → file path, from datapackage.json's "resources" (Frictionless Data's tabular data package).</summary>
    private static Dictionary<string, string> ResourcePaths(byte[] json, RequestValidator validator)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { validator.Fail("datapackage.json", $"is not valid JSON: {e.Message}"); return paths; }
        if (root?["resources"] is not JsonArray resources) { validator.Fail("datapackage.json", "must have a \"resources\" array."); return paths; }
        foreach (var (resource, n) in resources.Select((r, n) => (r, n)))
        {
            var name = resource?["name"] is JsonValue v1 && v1.TryGetValue<string>(out var s1) ? s1 : null;
            var path = resource?["path"] is JsonValue v2 && v2.TryGetValue<string>(out var s2) ? s2 : null;
            if (name is null || path is null || path.Contains("..", StringComparison.Ordinal) || path.StartsWith('/'))
                validator.Fail($"datapackage.json resources[{n}]", "needs a name and one relative path inside the zip.");
            else paths[name] = path;
        }
        return paths;
    }

    /// <summary>The rows, or null when the file cannot be read as CSV at all.</summary>
    private static List<Row>? ReadTable(Resource resource, string path, byte[] bytes, RequestValidator validator)
    {
        List<string[]> records;
        try { records = Csv.Parse(Csv.Decode(bytes)); }
        catch (CsvFormatException e) { validator.Fail(e.Record > 0 ? $"{path} row {e.Record}" : path, e.Message); return null; }
        if (records.Count == 0) { validator.Fail(path, "is empty: it needs at least a header row."); return null; }
        var header = records[0].Select(h => h.Trim()).ToArray();
        var present = header.ToHashSet(StringComparer.Ordinal);
        foreach (var missing in resource.Columns.Where(c => c.Required && !header.Contains(c.Name)))
            validator.Fail($"{path}: {missing.Name}", "is a required column and is missing from the header.");
        var rows = new List<Row>();
        var ids = new HashSet<Guid>();
        for (var r = 1; r < records.Count; r++)
        {
            var row = new Row(path, r + 1, new Dictionary<string, string?>(StringComparer.Ordinal));
            if (records[r].Length != header.Length)
                validator.Fail(row.Where, $"has {records[r].Length} fields; the header has {header.Length}.");
            for (var c = 0; c < header.Length && c < records[r].Length; c++)
                row.Values[header[c]] = records[r][c].Length == 0 ? null : records[r][c]; // HSDS CSV: an empty cell is no value
            foreach (var column in resource.Columns)
            {
                var value = row[column.Name];
                if (column.Name == "id" || column.Name.EndsWith("_id", StringComparison.Ordinal))
                {
                    // A column missing from the header is one problem, not one per row.
                    if (value is null) { if (column.Required && present.Contains(column.Name)) validator.Fail($"{row.Where}: {column.Name}", "is required."); }
                    else if (!Guid.TryParse(value, out var id)) validator.Fail($"{row.Where}: {column.Name}", $"\"{value}\" is not a UUID.");
                    else if (column == Id && !ids.Add(id)) validator.Fail($"{row.Where}: id", $"{id} appears on an earlier row.");
                }
                // A required number or date left empty: HSDS's own validation judges empty strings, but these would not parse at all.
                else if (value is null) { if (column.Required && column.Type != "string" && present.Contains(column.Name)) validator.Fail($"{row.Where}: {column.Name}", "is required."); }
                else if (!Parses(column.Type, value))
                    validator.Fail($"{row.Where}: {column.Name}", $"\"{value}\" is not a {column.Type} ({Formats[column.Type]}).");
            }
            rows.Add(row);
        }
        return rows;
    }

    private static readonly Dictionary<string, string> Formats = new()
    {
        ["string"] = "text", ["number"] = "e.g. 12 or 40.36", ["date"] = "yyyy-MM-dd", ["time"] = "HH:mm or HH:mm:ss", ["datetime"] = "ISO 8601 with offset",
    };

    private static bool Parses(string type, string value) => type switch
    {
        "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "datetime" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        _ => true,
    };

    private static double? Number(string? value) => value is null ? null : double.Parse(value, CultureInfo.InvariantCulture);

    private static readonly string[] AttributedEntities = ["organization", "service", "service_area"];

    private static Dictionary<string, Dictionary<Guid, Row>> ById(Dictionary<string, List<Row>> tables) =>
        tables.ToDictionary(t => t.Key, t => t.Value.Where(r => Guid.TryParse(r["id"], out _))
            .GroupBy(r => Guid.Parse(r["id"]!)).ToDictionary(g => g.Key, g => g.First()));

    /// <summary>
    /// A reference to a row that is not there is a problem at the referring row; bad ids were
    /// already named where they stand, and references into a file that could not be read are not
    /// checked (each would repeat that one problem).
    /// </summary>
    private static void CheckReferences(Dictionary<string, List<Row>> tables, HashSet<string> unreadable, RequestValidator validator)
    {
        var byId = ById(tables);
        foreach (var resource in Resources)
            foreach (var row in tables[resource.Name])
                foreach (var (column, target) in resource.References)
                    if (!unreadable.Contains(target) && Guid.TryParse(row[column], out var id) && !byId[target].ContainsKey(id))
                        validator.Fail($"{row.Where}: {column}", $"{id} is not an id in {Resources.Single(x => x.Name == target).Path}.");
        // Attributes may describe anything in HSDS; we read (and so check) those on the objects we hold.
        foreach (var row in tables["attribute"])
            if (row["link_entity"] is { } entity && AttributedEntities.Contains(entity) && !unreadable.Contains(entity) && Guid.TryParse(row["link_id"], out var link) && !byId[entity].ContainsKey(link))
                validator.Fail($"{row.Where}: link_id", $"{link} is not an id in {Resources.Single(x => x.Name == entity).Path}.");
    }

    /// <summary>Joins the rows, already checked, by their ids into the JSON graph, recording which row each object came from.</summary>
    private static HsdsPackage Assemble(Dictionary<string, List<Row>> tables)
    {
        var byId = ById(tables);

        ILookup<Guid, Row> Children(string table, string column) =>
            tables[table].Where(r => r[column] is not null).ToLookup(r => Guid.Parse(r[column]!));

        var terms = byId["taxonomy_term"];
        var attributes = new Dictionary<(string, Guid), List<HsdsAttribute>>();
        foreach (var row in tables["attribute"])
        {
            if (row["link_entity"] is not { } entity || !AttributedEntities.Contains(entity)) continue;
            var link = Guid.Parse(row["link_id"]!);
            var term = terms.GetValueOrDefault(Guid.Parse(row["taxonomy_term_id"]!));
            var attribute = new HsdsAttribute(row["id"], term is null ? null
                : new HsdsTaxonomyTerm(term["id"], term["code"], term["name"], term["description"], term["taxonomy"]));
            if (!attributes.TryGetValue((entity, link), out var list)) attributes[(entity, link)] = list = [];
            list.Add(attribute);
        }
        List<HsdsAttribute> AttributesOf(string entity, Row row) => attributes.GetValueOrDefault((entity, Guid.Parse(row["id"]!))) ?? [];

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var identifiers = Children("organization_identifier", "organization_id");
        var contacts = Children("contact", "organization_id");
        var phones = Children("phone", "contact_id");
        var services = Children("service", "organization_id");
        var schedules = Children("schedule", "service_id");
        var areas = Children("service_area", "service_id");
        var capacities = Children("service_capacity", "service_id");
        var placements = Children("service_at_location", "service_id");
        var units = byId["unit"];
        var locations = byId["location"];

        List<T> Each<T>(IEnumerable<Row> rows, string at, Func<Row, string, T> make) =>
            rows.Select((row, n) => { sources[$"{at}[{n}]"] = row.Where; return make(row, $"{at}[{n}]"); }).ToList();

        var organizations = Each(tables["organization"], "organizations", (org, at) =>
        {
            var id = Guid.Parse(org["id"]!);
            return new HsdsOrganization(org["id"], org["name"], org["description"], org["email"],
                Each(identifiers[id], $"{at}.organization_identifiers", (x, _) => new HsdsIdentifier(x["id"], x["identifier_scheme"], x["identifier_type"], x["identifier"])),
                Each(contacts[id], $"{at}.contacts", (c, cat) => new HsdsContact(c["id"], c["name"],
                    Each(phones[Guid.Parse(c["id"]!)], $"{cat}.phones", (p, _) => new HsdsPhone(p["id"], p["number"])))),
                AttributesOf("organization", org),
                Each(services[id], $"{at}.services", (s, sat) =>
                {
                    var sid = Guid.Parse(s["id"]!);
                    return new HsdsService(s["id"], s["name"], s["description"], s["status"], Number(s["minimum_age"]), Number(s["maximum_age"]),
                        AttributesOf("service", s),
                        Each(areas[sid], $"{sat}.service_areas", (a, _) => new HsdsServiceArea(a["id"], a["name"], AttributesOf("service_area", a))),
                        Each(schedules[sid], $"{sat}.schedules", (x, _) => new HsdsSchedule(x["id"], x["freq"], x["byday"], x["opens_at"], x["closes_at"],
                            x["valid_from"] is { } from ? DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                            x["valid_to"] is { } to ? DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null)),
                        Each(capacities[sid], $"{sat}.capacities", (x, _) =>
                        {
                            var unit = units.GetValueOrDefault(Guid.Parse(x["unit_id"]!));
                            return new HsdsCapacity(x["id"], Number(x["maximum"]), Number(x["available"]), unit is null ? null : new HsdsUnit(unit["id"], unit["name"]),
                                DateTimeOffset.Parse(x["updated"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                        }),
                        Each(placements[sid], $"{sat}.service_at_locations", (x, xat) =>
                        {
                            var location = locations.GetValueOrDefault(Guid.Parse(x["location_id"]!));
                            if (location is null) return new HsdsServiceAtLocation(x["id"], null);
                            sources[$"{xat}.location"] = location.Where;
                            return new HsdsServiceAtLocation(x["id"],
                                new HsdsLocation(location["id"], location["location_type"], Number(location["latitude"]), Number(location["longitude"])));
                        }));
                }));
        });
        return new HsdsPackage(new HsdsDirectory(organizations), sources);
    }

    // ---- writing ----

    /// <summary>
    /// The directory as a data package. Rows come in the order of the graph and the zip's entries
    /// carry a fixed time, so the same directory always gives the same bytes.
    /// </summary>
    public static byte[] Write(HsdsDirectory directory)
    {
        var rows = Resources.ToDictionary(r => r.Name, _ => new List<Dictionary<string, string?>>());
        var written = new HashSet<string>(StringComparer.Ordinal); // shared rows (units, taxonomy terms) once each
        void Add(string table, params (string Column, object? Value)[] values)
        {
            if (table is "unit" or "taxonomy_term" && !written.Add($"{table}/{values[0].Value}")) return;
            rows[table].Add(values.ToDictionary(v => v.Column, v => Format(v.Value)));
        }
        void Attributes(string entity, string? owner, IEnumerable<HsdsAttribute>? attributes)
        {
            foreach (var a in attributes ?? [])
            {
                if (a.TaxonomyTerm is { } t) Add("taxonomy_term", ("id", t.Id), ("code", t.Code), ("name", t.Name), ("description", t.Description), ("taxonomy", t.Taxonomy));
                Add("attribute", ("id", a.Id), ("link_id", owner), ("taxonomy_term_id", a.TaxonomyTerm?.Id), ("link_entity", entity));
            }
        }
        foreach (var o in directory.Organizations ?? [])
        {
            Add("organization", ("id", o.Id), ("name", o.Name), ("description", o.Description), ("email", o.Email));
            foreach (var x in o.OrganizationIdentifiers ?? [])
                Add("organization_identifier", ("id", x.Id), ("organization_id", o.Id), ("identifier_scheme", x.IdentifierScheme), ("identifier_type", x.IdentifierType), ("identifier", x.Identifier));
            foreach (var c in o.Contacts ?? [])
            {
                Add("contact", ("id", c.Id), ("organization_id", o.Id), ("name", c.Name));
                foreach (var p in c.Phones ?? []) Add("phone", ("id", p.Id), ("contact_id", c.Id), ("number", p.Number));
            }
            Attributes("organization", o.Id, o.Attributes);
            foreach (var s in o.Services ?? [])
            {
                Add("service", ("id", s.Id), ("organization_id", o.Id), ("name", s.Name), ("description", s.Description), ("status", s.Status),
                    ("minimum_age", s.MinimumAge), ("maximum_age", s.MaximumAge));
                Attributes("service", s.Id, s.Attributes);
                foreach (var a in s.ServiceAreas ?? [])
                {
                    Add("service_area", ("id", a.Id), ("service_id", s.Id), ("name", a.Name));
                    Attributes("service_area", a.Id, a.Attributes);
                }
                foreach (var x in s.Schedules ?? [])
                    Add("schedule", ("id", x.Id), ("service_id", s.Id), ("valid_from", x.ValidFrom), ("valid_to", x.ValidTo), ("freq", x.Freq), ("byday", x.ByDay),
                        ("opens_at", x.OpensAt), ("closes_at", x.ClosesAt));
                foreach (var x in s.Capacities ?? [])
                {
                    if (x.Unit is { } unit) Add("unit", ("id", unit.Id), ("name", unit.Name));
                    Add("service_capacity", ("id", x.Id), ("service_id", s.Id), ("unit_id", x.Unit?.Id), ("available", x.Available), ("maximum", x.Maximum), ("updated", x.Updated));
                }
                foreach (var x in s.ServiceAtLocations ?? [])
                {
                    if (x.Location is not { } l) continue;
                    Add("location", ("id", l.Id), ("location_type", l.LocationType), ("latitude", l.Latitude), ("longitude", l.Longitude));
                    Add("service_at_location", ("id", x.Id), ("service_id", s.Id), ("location_id", l.Id));
                }
            }
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text)); // no BOM: the data package standard says UTF-8 without one
            }
            Entry("datapackage.json", Descriptor());
            foreach (var resource in Resources)
            {
                var text = new StringBuilder();
                Csv.WriteRecord(text, resource.Columns.Select(c => c.Name));
                foreach (var row in rows[resource.Name]) Csv.WriteRecord(text, resource.Columns.Select(c => row.GetValueOrDefault(c.Name)));
                Entry(resource.Path, text.ToString());
            }
        }
        return output.ToArray();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Descriptor() => new JsonObject
    {
        ["name"] = "human_services_data",
        ["title"] = "Human Services Data Specification",
        ["profile"] = "tabular-data-package",
        // The package as a whole is HSDS 3.0; each resource and field says which version it follows (3.1 for capacities).
        ["version"] = HsdsVersions.Base,
        ["description"] = $"HSDS {HsdsVersions.Base}, with service_capacity and unit from HSDS {HsdsVersions.Capacity}: each resource and field names its version (fivesoc:hsds_version).",
        ["resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["path"] = r.Path,
            ["profile"] = "tabular-data-resource",
            [HsdsVersions.Property] = r.HsdsVersion,
            ["format"] = "csv",
            ["mediatype"] = "text/csv",
            ["encoding"] = "utf-8",
            ["schema"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. r.Columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format ?? "default", [HsdsVersions.Property] = r.HsdsVersion,
                    ["constraints"] = new JsonObject { ["required"] = c.Required },
                })]),
                ["primaryKey"] = "id",
                ["foreignKeys"] = new JsonArray([.. r.References.Select(x => (JsonNode)new JsonObject
                {
                    ["fields"] = x.Column, ["reference"] = new JsonObject { ["resource"] = x.Resource, ["fields"] = "id" },
                })]),
            },
        })]),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
