using Npgsql;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// A test class's private corner of the shared servers: schemas named "t{id}_{service}" in the
/// test database and a virtual host "t{id}". Created before the class's first test, removed after.
/// </summary>
public sealed class TestIsolation : IAsyncLifetime
{
    public string Id { get; } = "t" + Guid.NewGuid().ToString("N")[..10];
    public Uri Broker { get; private set; } = null!;

    public string SchemaFor(string service) => $"{Id}_{service}";

    public IEnumerable<KeyValuePair<string, string?>> SettingsFor(string service) =>
    [
        new("ConnectionStrings:Postgres", LocalServers.Postgres),
        new("ConnectionStrings:RabbitMq", Broker.ToString()),
        new("EventStore:Database", LocalServers.TestDatabase),
        new("EventStore:Schema", SchemaFor(service)),
        // One key store for the class's services, as an installation has one.
        new("ConnectionStrings:Keys", LocalServers.Postgres),
        new("KeyStore:Database", LocalServers.TestDatabase),
        new("KeyStore:Schema", SchemaFor("keys")),
        new("KeyStore:ErasureSchema", SchemaFor("erasures")),
        // Advisory-lock leadership stalls hosts started one after another in a test run.
        new("EventStore:DaemonMode", "Solo"),
        new("Messaging:RetryMinInterval", "00:00:00.020"),
        new("Messaging:RetryMaxInterval", "00:00:00.500"),
    ];

    public async Task InitializeAsync()
    {
        await LocalServers.EnsureTestDatabaseAsync();
        Broker = await LocalServers.CreateVirtualHostAsync(Id);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await LocalServers.DropSchemasAsync(Id + "_");
        await LocalServers.DeleteVirtualHostAsync(Id);
    }
}
