namespace FiveSocieties.BuildingBlocks.Hosting;

/// <summary>Which service a host is: its short name (database, schema, queue prefix) and default port.</summary>
public sealed record ServiceIdentity(string Name, int DefaultPort);

/// <summary>Defaults that work with deploy/servers.sh; every one can be overridden by configuration.</summary>
public static class LocalDefaults
{
    public const string Postgres =
        "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres;Include Error Detail=true";

    public const string RabbitMq = "amqp://guest:guest@127.0.0.1:55672/";
}
