using System.Net.Http.Json;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL and RabbitMQ that deploy/servers.sh runs (deploy/test.sh starts them).
/// Tests share the servers and isolate themselves: a schema per service per test class in one
/// test database, and a RabbitMQ virtual host per test class.
/// </summary>
public static class LocalServers
{
    public const string TestDatabase = "fivesoc_tests";

    public static string Postgres =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? LocalDefaults.Postgres;

    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? LocalDefaults.RabbitMq);

    public static Uri RabbitManagement => Cli.RabbitManagement.Address;

    public static string PostgresFor(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    /// <summary>RabbitMQ's management API, as the broker's user.</summary>
    public static HttpClient Management() => Cli.RabbitManagement.Client(RabbitManagement, RabbitMq);

    public static async Task<Uri> CreateVirtualHostAsync(string name)
    {
        using var http = Management();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var user = RabbitMq.UserInfo.Split(':')[0];
        (await http.PutAsJsonAsync($"api/permissions/{name}/{user}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new UriBuilder(RabbitMq) { Path = "/" + name }.Uri;
    }

    public static async Task DeleteVirtualHostAsync(string name)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{name}");
    }

    /// <summary>How many messages wait in a queue of a virtual host (e.g. an error queue).</summary>
    public static async Task<long> QueueDepthAsync(string vhost, string queue)
    {
        using var http = Management();
        using var response = await http.GetAsync($"api/queues/{vhost}/{queue}");
        if (!response.IsSuccessStatusCode) return 0;
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0;
    }

    /// <summary>Drops every client connection of a virtual host, as a broker restart or a network cut would.</summary>
    /// <summary>How many connections the management API lists for a virtual host (its list lags new connections by a moment).</summary>
    public static async Task<int> ConnectionCountAsync(string vhost)
    {
        using var http = Management();
        return (await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/vhosts/{vhost}/connections")).GetArrayLength();
    }

    public static async Task<int> CloseConnectionsAsync(string vhost)
    {
        using var http = Management();
        var connections = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/vhosts/{vhost}/connections");
        var closed = 0;
        foreach (var connection in connections.EnumerateArray())
        {
            var name = Uri.EscapeDataString(connection.GetProperty("name").GetString()!);
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/connections/{name}");
            request.Headers.Add("X-Reason", "test: connection cut");
            if ((await http.SendAsync(request)).IsSuccessStatusCode) closed++;
        }
        return closed;
    }

    private static readonly Lazy<Task> TestDatabaseCreated = new(CreateTestDatabaseAsync);

    /// <summary>Creates the shared test database once per test run (test classes start in parallel).</summary>
    public static Task EnsureTestDatabaseAsync() => TestDatabaseCreated.Value;

    private static async Task CreateTestDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresFor("postgres"));
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand($"select 1 from pg_database where datname = '{TestDatabase}'", connection);
        if (await exists.ExecuteScalarAsync() is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"create database {TestDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Another run may create it at the same moment: PostgreSQL then reports either code.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation) { }
    }

    public static async Task DropSchemasAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(PostgresFor(TestDatabase));
        await connection.OpenAsync();
        var schemas = new List<string>();
        await using (var find = new NpgsqlCommand("select nspname from pg_namespace where nspname like $1", connection)
                     { Parameters = { new() { Value = prefix + "%" } } })
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
        foreach (var schema in schemas)
        {
            await using var drop = new NpgsqlCommand($"drop schema \"{schema}\" cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
