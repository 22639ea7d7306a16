using System.Diagnostics;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Web;

/// <summary>
/// The four OpenAPI documents are the app's contract: the typed client is generated from them,
/// so they must describe every answer, pass a linter, and match the committed client.
/// </summary>
public sealed class ApiContractTests(FourServices services) : IClassFixture<FourServices>
{
    private static readonly string App = Path.Combine(Repository.Root, "services", "Web", "app");

    private async Task<IReadOnlyDictionary<string, string>> DocumentsAsync()
    {
        var documents = new Dictionary<string, string>();
        foreach (var (name, client) in new[]
                 {
                     ("cases", services.Cases.CreateClient()), ("matching", services.Matching.CreateClient()),
                     ("volunteers", services.Volunteers.CreateClient()), ("notifications", services.Notifications.CreateClient()),
                 })
            documents[name] = await client.GetStringAsync("/openapi/v1.json");
        return documents;
    }

    private static string WriteAll(IReadOnlyDictionary<string, string> documents)
    {
        var dir = Directory.CreateTempSubdirectory("fivesoc-openapi-").FullName;
        foreach (var (name, json) in documents) File.WriteAllText(Path.Combine(dir, $"{name}.json"), json);
        return dir;
    }

    [Fact]
    public async Task Every_operation_describes_its_success_body_its_problems_and_its_name()
    {
        var missing = new List<string>();
        foreach (var (service, json) in await DocumentsAsync())
        {
            var paths = JsonNode.Parse(json)!["paths"]!.AsObject();
            foreach (var (path, item) in paths)
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description") continue;
                var where = $"{service}: {method.ToUpperInvariant()} {path}";
                var responses = op!["responses"]?.AsObject();
                if (op["operationId"] is null) missing.Add($"{where}: no operationId");
                var successes = responses?.Where(r => r.Key.StartsWith('2')).ToList() ?? [];
                if (successes.Count == 0) missing.Add($"{where}: no success response");
                foreach (var (status, response) in successes)
                {
                    // 202, 204 and a stream or file say so without a JSON schema; a body with JSON has one.
                    if (status is "202" or "204") continue;
                    var content = response?["content"]?.AsObject();
                    if (content is null || content.Count == 0) { missing.Add($"{where}: {status} describes no body"); continue; }
                    foreach (var (media, type) in content)
                        if (media.Contains("json") && type?["schema"] is null) missing.Add($"{where}: {status} {media} has no schema");
                }
                foreach (var (status, response) in responses?.Where(r => r.Key[0] is '4' or '5') ?? [])
                    if (response?["content"]?["application/problem+json"]?["schema"] is null)
                        missing.Add($"{where}: {status} problem has no schema");
            }
        }
        missing.ShouldBeEmpty(string.Join('\n', missing));
    }

    [Fact]
    public async Task The_documents_pass_the_recommended_OpenAPI_lint_with_no_error()
    {
        var dir = WriteAll(await DocumentsAsync());
        var (code, output) = await NodeAsync("node_modules/.bin/redocly",
            ["lint", "--extends", "recommended", "--format", "stylish",
             .. new[] { "cases", "matching", "volunteers", "notifications" }.Select(n => Path.Combine(dir, $"{n}.json"))]);
        code.ShouldBe(0, output);
    }

    [Fact]
    public async Task The_app_s_generated_client_is_the_one_the_documents_give()
    {
        var dir = WriteAll(await DocumentsAsync());
        var generated = Path.Combine(Repository.Root, ".local", "api-generated");
        var (code, output) = await NodeAsync("node", ["scripts/generate-api.mjs", "--from-dir", dir, "--out-dir", generated]);
        code.ShouldBe(0, output);
        var drifted = new List<string>();
        foreach (var name in new[] { "cases", "matching", "volunteers", "notifications" })
        {
            var committed = Path.Combine(App, "src", "lib", "api", $"{name}.d.ts");
            if (!File.Exists(committed) || File.ReadAllText(committed) != File.ReadAllText(Path.Combine(generated, $"{name}.d.ts")))
                drifted.Add(name);
        }
        drifted.ShouldBeEmpty(
            $"the app's API types differ from the services' documents for {string.Join(", ", drifted)}; "
            + $"take the fresh ones with: cp {generated}/*.d.ts services/Web/app/src/lib/api/");
    }

    /// <summary>
    /// A write sent an empty body names, in its 400, each field it cannot do without; its document must
    /// mark exactly those required, so a generated client makes the caller give them.
    /// </summary>
    [Fact]
    public async Task Every_field_a_write_refuses_to_go_without_is_required_in_its_document()
    {
        var hosts = new Dictionary<string, Func<string, HttpClient>>
        {
            ["cases"] = role => services.Cases.ClientAs(role, stationId: Guid.NewGuid(), providerId: Guid.NewGuid()),
            ["matching"] = role => services.Matching.ClientAs(role, stationId: Guid.NewGuid(), providerId: Guid.NewGuid()),
            ["volunteers"] = role => services.Volunteers.ClientAs(role, stationId: Guid.NewGuid(), providerId: Guid.NewGuid()),
            ["notifications"] = role => services.Notifications.ClientAs(role, stationId: Guid.NewGuid(), providerId: Guid.NewGuid()),
        };
        var roles = new[] { Roles.Admin, Roles.Supervisor, Roles.Caseworker, Roles.Coordinator, Roles.DistrictOfficer, Roles.Provider, Roles.Volunteer };
        var (mismatched, probed, nestedProbed, unprobed) = (new List<string>(), 0, 0, new List<string>());
        foreach (var (service, json) in await DocumentsAsync())
        {
            var document = JsonNode.Parse(json)!;
            foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                if (op?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema) continue;
                var required = RequiredOf(document, schema);
                var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());
                // The first role the write lets through to its body answers the probes.
                string? probing = null;
                JsonObject? errors = null;
                foreach (var role in roles)
                {
                    errors = await RefusalAsync(hosts[service](role), method, url, "{}");
                    if (errors is null) continue;
                    probing = role;
                    break;
                }
                var where = $"{service}: {method.ToUpperInvariant()} {path}";
                if (errors is null) { unprobed.Add(where); continue; }
                probed++;
                // A path's own parameter (an id or a district code made up here) is not the body's to require.
                var inPath = System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)").Select(m => m.Groups[1].Value).ToHashSet();
                var demanded = errors.Select(e => e.Key.Split('.', '[')[0]).Where(k => k.Length > 0 && !inPath.Contains(k)).ToHashSet();
                if (!demanded.SetEquals(required))
                    mismatched.Add($"{where}: refuses without [{string.Join(", ", demanded.Order())}], requires [{string.Join(", ", required.Order())}]");

                // An object inside the body (or a list of them) is held to the same: sent empty, it
                // names each field it cannot do without, and its schema requires exactly those.
                foreach (var (field, nested, isList) in NestedObjectsOf(document, schema))
                {
                    var body = new JsonObject { [field] = isList ? new JsonArray(new JsonObject()) : new JsonObject() }.ToJsonString();
                    var nestedErrors = await RefusalAsync(hosts[service](probing!), method, url, body);
                    if (nestedErrors is null) { unprobed.Add($"{where} {field}"); continue; }
                    nestedProbed++;
                    var prefix = isList ? $"{field}[0]." : $"{field}.";
                    var nestedDemanded = nestedErrors.Select(e => e.Key)
                        .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                        .Select(k => k[prefix.Length..].Split('.', '[')[0]).Where(k => k.Length > 0).ToHashSet();
                    var nestedRequired = RequiredOf(document, nested);
                    if (!nestedDemanded.SetEquals(nestedRequired))
                        mismatched.Add($"{where} {field}: refuses without [{string.Join(", ", nestedDemanded.Order())}], requires [{string.Join(", ", nestedRequired.Order())}]");
                }
            }
        }
        mismatched.ShouldBeEmpty(string.Join('\n', mismatched));
        // Most writes are probed (some refuse an unknown record before reading the body); a probe answered by nothing but 404 would prove nothing.
        probed.ShouldBeGreaterThan(unprobed.Count * 5, $"writes not probed: {string.Join("; ", unprobed)}");
        nestedProbed.ShouldBeGreaterThan(0, "no object inside a body was probed");
    }

    /// <summary>The 400's field errors when the write refuses <paramref name="body"/>; null for any other answer.</summary>
    private static async Task<JsonObject?> RefusalAsync(HttpClient client, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode != 400) return null;
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())?["errors"]?.AsObject();
    }

    /// <summary>The body's fields that hold an object of their own, or a list of them, with that object's schema.</summary>
    private static IEnumerable<(string Field, JsonNode Schema, bool IsList)> NestedObjectsOf(JsonNode document, JsonNode schema)
    {
        var properties = Resolve(document, schema)["properties"]?.AsObject();
        foreach (var (name, property) in properties ?? [])
        {
            if (property is null) continue;
            var resolved = Resolve(document, property);
            var isList = resolved["items"] is not null;
            var target = isList ? Resolve(document, resolved["items"]!) : resolved;
            if (target["properties"] is JsonObject { Count: > 0 }) yield return (name, target, isList);
        }
    }

    /// <summary>A schema with its reference followed and a nullable one's "null or X" read as X.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        for (var i = 0; i < 8; i++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
                schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
            else if ((schema["oneOf"] ?? schema["anyOf"])?.AsArray().FirstOrDefault(s => s?["type"]?.ToString() != "null") is { } choice)
                schema = choice;
            else break;
        }
        return schema;
    }

    private static HashSet<string> RequiredOf(JsonNode document, JsonNode schema)
    {
        schema = Resolve(document, schema);
        return (schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).ToHashSet();
    }

    private static async Task<(int Code, string Output)> NodeAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program.StartsWith("node_modules") ? Path.Combine(App, program) : program)
        {
            WorkingDirectory = App,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
