using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Volunteers.ServedCases;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using CaseFile = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Deployment;

/// <summary>
/// Issue 27's restore drill, with the project's own scripts: back up, erase a client and a
/// volunteer, restore the backup, start. The two stay erased — their keys gone, their records
/// saying so, no dump holding their names — and everything else is back as it was.
/// Databases of their own (the scripts back up databases, not schemas), with the key store under
/// its own role, as deploy/servers.sh makes it.
/// </summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private readonly string _prefix = "drill" + Guid.NewGuid().ToString("N")[..8] + "_";
    private readonly Guid _station = Guid.NewGuid();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "fivesoc-drill-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly string[] Services = ["cases", "matching", "volunteers", "notifications"];

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        // Matching and Notifications are not started here; backup.sh wants their databases all the same.
        foreach (var database in new[] { "matching", "notifications" }) await ExecuteAsync($"create database {_prefix}{database}");
        await ExecuteAsync($"create database {_prefix}keys owner {KeyStoreSetup.LocalKeysUser}");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var database in Services.Append("keys")) await ExecuteAsync($"drop database if exists {_prefix}{database} with (force)");
        await _isolation.DisposeAsync();
        if (Directory.Exists(_backup)) Directory.Delete(_backup, recursive: true);
    }

    private Dictionary<string, string> SettingsFor(string service) => new()
    {
        ["EventStore:Database"] = _prefix + service,
        ["EventStore:Schema"] = service,
        ["ConnectionStrings:Keys"] = new NpgsqlConnectionStringBuilder(LocalDefaults.Keys) { Port = new NpgsqlConnectionStringBuilder(LocalServers.Postgres).Port }.ConnectionString,
        ["KeyStore:Database"] = _prefix + "keys",
        ["KeyStore:Schema"] = "keys",
        ["KeyStore:ErasureSchema"] = "erasures",
    };

    private async Task<(ServiceHost<CaseFile> Cases, ServiceHost<ServedCase> Volunteers)> StartAsync() => (
        await new ServiceHost<CaseFile>("cases", _isolation, settings: SettingsFor("cases")).StartAsync(),
        await new ServiceHost<ServedCase>("volunteers", _isolation, settings: SettingsFor("volunteers")).StartAsync());

    [Fact]
    public async Task Restoring_a_backup_taken_before_an_erasure_brings_everything_back_but_the_erased()
    {
        var (client, keptClient) = ("岳" + Unique('甲'), "岳" + Unique('乙'));
        var (volunteerName, keptVolunteerName) = ("岳" + Unique('丙'), "岳" + Unique('丁'));
        var (volunteer, keptVolunteer) = (Guid.NewGuid(), Guid.NewGuid());
        Guid caseId, keptCaseId, household, keptHousehold;
        var (cases, volunteers) = await StartAsync();
        await using (cases)
        await using (volunteers)
        {
            (household, caseId) = await RegisterClientAsync(cases, client);
            (keptHousehold, keptCaseId) = await RegisterClientAsync(cases, keptClient);
            await RegisterVolunteerAsync(volunteers, volunteer, volunteerName);
            await RegisterVolunteerAsync(volunteers, keptVolunteer, keptVolunteerName);

            await RunAsync("backup.sh", "--to", _backup);

            (await Supervisor(cases).PostAsync($"/clients/{caseId}/erase", null)).EnsureSuccessStatusCode();
            (await Supervisor(volunteers).PostAsync($"/volunteers/{volunteer}/erase", null)).EnsureSuccessStatusCode();
        }

        // The services are stopped, as for any restore; this process's idle pooled connections go with them
        // (restore.sh ends every session on the databases, and a pooled one would be handed out dead).
        NpgsqlConnection.ClearAllPools();
        // The backup holds both people and their keys: it is what a restore would bring back.
        (await DumpAsync()).ShouldNotContain(client, Case.Sensitive, "erased since");
        var restored = await RunAsync("restore.sh", _backup, "--force");
        restored.ShouldContain("erasure log");
        var afterRestore = await DumpAsync(withKeys: false);
        afterRestore.ShouldNotContain(client, Case.Sensitive, "sealed in the stores");
        await using (var keys = NpgsqlDataSource.Create(SettingsFor("cases")["ConnectionStrings:Keys"] + $";Database={_prefix}keys"))
        await using (var count = keys.CreateCommand("select count(*) from keys.subject_key where id = any($1)"))
        {
            count.Parameters.Add(new() { Value = new[] { volunteer, caseId } });
            ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(0, "until the services start, the restored key store has the keys again");
        }

        (cases, volunteers) = await StartAsync();
        await using (cases)
        await using (volunteers)
        {
            // Erased: no key, no name, and the records say so again (the erasure log re-applied at start).
            var keyStore = cases.Services.GetRequiredService<IPersonalKeyStore>();
            (await keyStore.FindAsync([caseId, volunteer], default)).ShouldBeEmpty();
            (await Json(await Caseworker(cases).GetAsync($"/households/{household}"))).ToString().ShouldNotContain(client);
            var file = await Json(await Supervisor(cases).GetAsync($"/cases/{caseId}"));
            file.GetProperty("personalDataErasedAt").ValueKind.ShouldBe(JsonValueKind.String, "the case records its erasure again");
            var erasedVolunteer = await Json(await Supervisor(volunteers).GetAsync($"/volunteers/{volunteer}"));
            erasedVolunteer.GetProperty("status").GetString().ShouldBe("Erased");
            erasedVolunteer.TryGetProperty("name", out _).ShouldBeFalse();

            // Everything else is back: the other client and volunteer, by name.
            (await Json(await Caseworker(cases).GetAsync($"/households/{keptHousehold}"))).ToString().ShouldContain(keptClient);
            (await Json(await Supervisor(cases).GetAsync($"/cases/{keptCaseId}"))).TryGetProperty("personalDataErasedAt", out _).ShouldBeFalse();
            (await Json(await Supervisor(volunteers).GetAsync($"/volunteers/{keptVolunteer}"))).GetProperty("name").GetString().ShouldBe(keptVolunteerName);
        }
        var final = await DumpAsync();
        foreach (var erased in new[] { client, volunteerName }) final.ShouldNotContain(erased);
    }

    private static string Unique(char first) => string.Concat(Guid.NewGuid().ToString("N")[..4].Select(c => (char)(first + c % 10)));

    private HttpClient Caseworker(ServiceHost<CaseFile> cases) => cases.ClientAs(Roles.Caseworker, stationId: _station);

    private HttpClient Supervisor<T>(ServiceHost<T> host) where T : class => host.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);

    private async Task<(Guid Household, Guid Case)> RegisterClientAsync(ServiceHost<CaseFile> cases, string name)
    {
        var registered = await Json(await Caseworker(cases).PostAsJsonAsync("/households", new
        {
            address = "谷前堡镇二村" + name,
            location = new { district = "天镇县", township = "谷前堡镇", community = "二村", grid = "G-02" },
            members = new[] { new { name, relationToHead = "Self", gender = "Female", birthDate = "1941-02-03", phone = "13500000000" } },
        }));
        var household = registered.GetProperty("householdId").GetGuid();
        var caseId = Guid.NewGuid();
        (await Caseworker(cases).PostAsJsonAsync("/cases", new
        {
            caseId, stationId = _station, caseworkerId = Guid.NewGuid(), clientGroup = "Elderly", categories = new[] { "LivesAlone" },
            location = new { district = "天镇县", township = "谷前堡镇", grid = "G-02" },
            client = new { householdId = household, memberId = registered.GetProperty("memberIds")[0].GetGuid() },
        })).EnsureSuccessStatusCode();
        return (household, caseId);
    }

    private async Task RegisterVolunteerAsync(ServiceHost<ServedCase> volunteers, Guid id, string name) =>
        (await Supervisor(volunteers).PostAsJsonAsync("/volunteers", new
        {
            volunteerId = id, stationId = _station, name, phone = "13600000000", home = new { latitude = 40.41, longitude = 114.08 }, skills = new[] { "MealDelivery" },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

    /// <summary>Runs deploy/&lt;script&gt; against this drill's databases; its output, which must end well.</summary>
    private async Task<string> RunAsync(string script, params string[] arguments)
    {
        var server = new NpgsqlConnectionStringBuilder(LocalServers.Postgres);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["PGHOST"] = server.Host, ["PGPORT"] = server.Port.ToString(), ["PGUSER"] = server.Username, ["PGPASSWORD"] = server.Password,
                ["KEYS_PGUSER"] = KeyStoreSetup.LocalKeysUser, ["KEYS_PGPASSWORD"] = new NpgsqlConnectionStringBuilder(LocalDefaults.Keys).Password,
                ["FIVESOC_DB_PREFIX"] = _prefix,
            },
        };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "deploy", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{script}: {await errors}\n{await output}");
        return await output + await errors;
    }

    /// <summary>pg_dump of the drill's event stores and, unless told otherwise, its key store, as text.</summary>
    private async Task<string> DumpAsync(bool withKeys = true)
    {
        var server = new NpgsqlConnectionStringBuilder(LocalServers.Postgres);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin", "pg_dump")).First(File.Exists);
        var text = new System.Text.StringBuilder();
        foreach (var database in withKeys ? Services.Append("keys") : Services)
        {
            var start = new ProcessStartInfo(pgDump) { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["PGPASSWORD"] = server.Password } };
            foreach (var argument in new[] { "-h", server.Host!, "-p", server.Port.ToString(), "-U", server.Username!, "-d", _prefix + database, "--data-only" })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await errors);
            text.Append(await output);
        }
        return text.ToString();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(LocalServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
