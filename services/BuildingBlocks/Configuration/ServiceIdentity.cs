using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Configuration;

/// <summary>Which service a host is: its short name (database, schema, queue prefix) and default port.</summary>
public sealed record ServiceIdentity(string Name, int DefaultPort);

/// <summary>Defaults that work with deploy/servers.sh; every one can be overridden by configuration.</summary>
public static class LocalDefaults
{
    public const string Postgres =
        "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres;Include Error Detail=true";

    public const string RabbitMq = "amqp://guest:guest@127.0.0.1:55672/";

    /// <summary>The key store's own role and database, which deploy/servers.sh makes.</summary>
    public const string Keys =
        "Host=127.0.0.1;Port=55432;Username=fivesoc_keys;Password=fivesoc-keys-local;Database=fivesoc_keys;Include Error Detail=true";
}

/// <summary>A host carries its identity from the start, so the event store and the bus name their database and queues after it.</summary>
public static class ServiceIdentityOfAHost
{
    private const string IdentityKey = "FiveSocieties.ServiceIdentity";

    /// <summary>Names the service; AddServiceDefaults does this for web hosts, worker hosts call it themselves.</summary>
    public static ServiceIdentity UseServiceIdentity(this IHostApplicationBuilder builder, string name, int defaultPort = 0)
    {
        var identity = new ServiceIdentity(name, defaultPort);
        builder.Properties[IdentityKey] = identity;
        builder.Services.AddSingleton(identity);
        return identity;
    }

    internal static ServiceIdentity GetServiceIdentity(this IHostApplicationBuilder builder) =>
        builder.Properties.TryGetValue(IdentityKey, out var identity)
            ? (ServiceIdentity)identity
            : throw new InvalidOperationException("Call AddServiceDefaults(name, port) first.");
}
