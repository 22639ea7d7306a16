using System.Diagnostics;
using System.Text.Json.Nodes;
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
