using System.Net.Http.Json;
using System.Security.Cryptography;
using FiveSocieties.IntegrationTests.Infrastructure;
using Npgsql;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// A service started in Production with any value this repository publishes refuses, naming every
/// such setting at once; with values of its own (a database role, a key store role and a broker
/// user made for the test, with random passwords) it starts.
/// </summary>
public sealed class ProductionSecretsTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private readonly string _user = "fivesoc_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private string KeysUser => _user + "_keys";

    public Task InitializeAsync() => _isolation.InitializeAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _isolation.DisposeAsync();
        await using (var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase)))
        {
            await connection.OpenAsync();
            foreach (var role in new[] { _user, KeysUser })
            {
                await using var drop = new NpgsqlCommand($"drop owned by {role} cascade; drop role {role}", connection);
                try { await drop.ExecuteNonQueryAsync(); }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject) { } // the test that makes the role did not run
            }
        }
        using var management = LocalServers.Management();
        await management.DeleteAsync($"api/users/{_user}");
    }

    [Fact]
    public async Task With_the_development_values_it_refuses_naming_each_setting()
    {
        // The test isolation's settings are the local servers': postgres/postgres and guest/guest.
        await using var cases = new ServiceHost<Case>("cases", _isolation, environment: "Production");
        var refusal = (await Should.ThrowAsync<InvalidOperationException>(cases.StartAsync)).Message;
        refusal.ShouldStartWith("Production refuses to start with development secrets");
        foreach (var setting in new[] { "Privacy:HashSecret", "Auth:Authority", "ConnectionStrings:Postgres", "ConnectionStrings:RabbitMq", "ConnectionStrings:Keys" })
            refusal.ShouldContain(setting);
    }

    [Fact]
    public async Task A_key_store_read_with_the_event_stores_credentials_is_refused()
    {
        var stores = new NpgsqlConnectionStringBuilder(LocalServers.Postgres) { Username = _user, Password = _password }.ConnectionString;
        await using var cases = new ServiceHost<Case>("cases", _isolation, environment: "Production", settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = stores,
            ["ConnectionStrings:Keys"] = stores,
        });
        var refusal = (await Should.ThrowAsync<InvalidOperationException>(cases.StartAsync)).Message;
        refusal.ShouldContain("ConnectionStrings:Keys (the same user as ConnectionStrings:Postgres");
        refusal.ShouldNotContain("ConnectionStrings:Postgres (");
    }

    [Fact]
    public async Task With_values_of_its_own_it_starts()
    {
        await using (var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"create role {_user} login password '{_password}'; grant create, connect on database {LocalServers.TestDatabase} to {_user}; " +
                $"create role {KeysUser} login password '{_password}k'; grant create, connect on database {LocalServers.TestDatabase} to {KeysUser}", connection);
            await create.ExecuteNonQueryAsync();
        }
        using (var management = LocalServers.Management())
        {
            (await management.PutAsJsonAsync($"api/users/{_user}", new { password = _password, tags = "" })).EnsureSuccessStatusCode();
            (await management.PutAsJsonAsync($"api/permissions/{_isolation.Id}/{_user}", new { configure = ".*", write = ".*", read = ".*" }))
                .EnsureSuccessStatusCode();
        }

        await using var cases = new ServiceHost<Case>("cases", _isolation, environment: "Production", settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(LocalServers.Postgres) { Username = _user, Password = _password }.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = new UriBuilder(_isolation.Broker) { UserName = _user, Password = _password }.Uri.ToString(),
            ["ConnectionStrings:Keys"] = new NpgsqlConnectionStringBuilder(LocalServers.Postgres) { Username = KeysUser, Password = _password + "k" }.ConnectionString,
            ["Auth:Authority"] = "https://id.fivesoc.example/realms/fivesoc",
            ["Privacy:HashSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        await cases.StartAsync();
        (await cases.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
