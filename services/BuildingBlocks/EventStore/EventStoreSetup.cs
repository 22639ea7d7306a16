using FiveSocieties.BuildingBlocks.Configuration;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core;

namespace FiveSocieties.BuildingBlocks.EventStore;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten on the service's own PostgreSQL database: lightweight sessions, string enums,
    /// event metadata (correlation, causation, headers), the async daemon, the append signal,
    /// and — in development — the schema created at start. The database itself is created
    /// (after waiting for PostgreSQL) before anything else starts.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, Action<StoreOptions> configure)
    {
        var identity = builder.GetServiceIdentity();
        var settings = builder.Configuration.GetSection("EventStore").Get<EventStoreSettings>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.Database)) settings.Database = $"fivesoc_{identity.Name}";
        if (string.IsNullOrWhiteSpace(settings.Schema)) settings.Schema = identity.Name;

        var connectionString = PostgresConnectionString(builder.Configuration, settings.Database);
        builder.RefuseDevelopmentSecrets(DevelopmentPasswords);
        var signal = new AppendSignal(settings.BusyWakeInterval);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(signal);
        // The request's context reaches the commit listener that counts access-audit events (AccessAuditCommits).
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(new EventStoreDatabase(connectionString, settings.Database));
        // Registered before Marten so that it runs first: it waits for PostgreSQL and creates the database.
        builder.Services.AddHostedService<DatabaseBootstrapper>();

        var marten = builder.Services.AddMarten(_ =>
            {
                var options = new StoreOptions();
                options.Connection(connectionString);
                options.DatabaseSchemaName = settings.Schema;
                options.AutoCreateSchemaObjects = settings.CreateSchemaAtStart ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Listeners.Add(signal);
                options.Listeners.Add(new Security.AccessAuditCommits());
                options.Projections.Wakeup = signal;
                options.Projections.FastPollingTime = settings.PollingInterval;
                options.Projections.SlowPollingTime = settings.PollingInterval;
                // Async projections and subscriptions must stop on errors, never skip them silently.
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.Errors.SkipSerializationErrors = false;
                options.Projections.Errors.SkipUnknownEvents = false;
                configure(options);
                return options;
            })
            .UseLightweightSessions()
            .AddAsyncDaemon(settings.DaemonMode);
        if (settings.CreateSchemaAtStart) marten.ApplyAllDatabaseChangesOnStartup();
        return marten;
    }

    /// <summary>The database's password, unless it is the local servers' or another published one.</summary>
    private static IEnumerable<DevelopmentSecret> DevelopmentPasswords(IConfiguration configuration)
    {
        var raw = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(raw))
            yield return new("ConnectionStrings:Postgres", "unset, so the local servers' postgres/postgres");
        else if (ProductionSecrets.IsPublishedPassword(new NpgsqlConnectionStringBuilder(raw).Password))
            yield return new("ConnectionStrings:Postgres", "its password is a published default");
    }

    public static string PostgresConnectionString(IConfiguration configuration, string database)
    {
        var raw = configuration.GetConnectionString("Postgres") ?? LocalDefaults.Postgres;
        var builder = new NpgsqlConnectionStringBuilder(raw) { Database = database };
        // Npgsql's default pool (100) lets four services exceed the server's connections, and a
        // pile of open append transactions holds the daemon's high-water mark back (each one
        // owns an uncommitted sequence number). A bounded pool queues work in the process instead.
        if (!raw.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !raw.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = 40;
        return builder.ConnectionString;
    }
}

/// <summary>The service's database: its connection string and name.</summary>
public sealed record EventStoreDatabase(string ConnectionString, string Name);
