using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Deployment;

/// <summary>
/// The commands the images and the Kubernetes Jobs run instead of shell tools, run as they are
/// there: the published host's program, as a separate process, against the real PostgreSQL.
/// </summary>
public sealed class HostCommandsTests
{
    private static readonly string CasesDll = Path.Combine(Repository.Root, "services", "Cases", "bin", "Release", "net10.0", "FiveSocieties.Cases.dll");

    [Fact]
    public async Task Migrate_creates_the_database_and_the_schema_exits_0_and_a_second_run_changes_nothing()
    {
        var database = $"fivesoc_migrate_{Guid.NewGuid():N}"[..40];
        try
        {
            var first = await RunAsync(["migrate"], MigrationSettings(database));
            first.ExitCode.ShouldBe(0, first.Output);
            var tables = await TablesAsync(database);
            tables.ShouldContain("mt_events");
            tables.ShouldContain("mt_event_progression");

            var second = await RunAsync(["migrate"], MigrationSettings(database));
            second.ExitCode.ShouldBe(0, second.Output);
            (await TablesAsync(database)).ShouldBe(tables);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(LocalServers.PostgresFor("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Probe_answers_0_when_the_health_endpoint_answers_and_1_when_it_fails_or_nothing_listens()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var host = builder.Build();
        host.MapGet("/health/live", () => Results.Ok());
        host.MapGet("/health/ready", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await host.StartAsync();
        var listening = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://+:{port}" };

        (await RunAsync(["probe"], listening)).ExitCode.ShouldBe(0);
        var unready = await RunAsync(["probe", "/health/ready"], listening);
        unready.ExitCode.ShouldBe(1);
        unready.Output.ShouldContain("answered 503");

        await host.StopAsync();
        var nobody = await RunAsync(["probe"], listening);
        nobody.ExitCode.ShouldBe(1);
        nobody.Output.ShouldContain("did not answer");
    }

    private static Dictionary<string, string?> MigrationSettings(string database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Postgres"] = LocalServers.Postgres,
        ["EventStore__Database"] = database,
        // As the Job runs it: the replicas' setting stays off, the command applies the schema itself.
        ["EventStore__CreateSchemaAtStart"] = "false",
        ["EventStore__DaemonMode"] = "Disabled",
    };

    private static async Task<List<string>> TablesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(database));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'cases' order by table_name", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        File.Exists(CasesDll).ShouldBeTrue($"{CasesDll} is built by dotnet build FiveSocieties.sln");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(CasesDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(CasesDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
