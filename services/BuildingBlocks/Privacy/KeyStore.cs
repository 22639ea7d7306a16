// The per-person keys live apart from what they seal (issue 27, part 5): their own database with
// their own credentials, so a backup of the event stores alone holds only ciphertext, and a thief
// of one does not have the other. The erasure log beside them is never rolled back by a restore
// (deploy/restore.sh leaves it as it is) and is re-applied at every start.
using System.Security.Cryptography;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.EventStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FiveSocieties.BuildingBlocks.Privacy;

/// <summary>A data subject whose keys were destroyed on request, and what kind of subject it was ("client", "volunteer", "key").</summary>
public sealed record ErasedSubject(Guid Id, string Kind, DateTimeOffset ErasedAt);

/// <summary>
/// Where the keys of data subjects are kept. Each service has its own keys (its name is their
/// owner), but an erasure destroys a subject's keys in every service at once and logs the
/// subject. The PostgreSQL one below is for a station's own server; a cloud KMS could implement
/// the same five calls (keys wrapped by a master key, the log in the KMS's own store).
/// </summary>
public interface IPersonalKeyStore
{
    /// <summary>This service's keys of these subjects that still exist (erased subjects are missing).</summary>
    Task<IReadOnlyDictionary<Guid, SubjectKey>> FindAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken);

    /// <summary>
    /// This service's keys of these subjects, made for those that have none, committed before the
    /// call returns. An erased subject never gets a key again: it is missing from the answer.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, SubjectKey>> GetOrCreateAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken);

    /// <summary>Deletes this service's keys of these subjects (its copy is no longer needed); not an erasure, nothing is logged.</summary>
    Task DeleteAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken);

    /// <summary>Erasure: every service's keys of these subjects are deleted and the subjects logged, in one transaction.</summary>
    Task EraseAsync(IReadOnlyCollection<ErasedSubject> subjects, CancellationToken cancellationToken);

    /// <summary>The erasure log, of one kind or all.</summary>
    Task<IReadOnlyList<ErasedSubject>> ErasedAsync(string? kind, CancellationToken cancellationToken);

    /// <summary>Keys made before the key store (kept in the service's own database), moved in as they are; an erased subject's are dropped.</summary>
    Task ImportAsync(IReadOnlyCollection<SubjectKey> keys, CancellationToken cancellationToken);
}

public static class KeyStoreExtensions
{
    public static async Task<SubjectKey?> FindAsync(this IPersonalKeyStore keys, Guid subjectId, CancellationToken cancellationToken) =>
        (await keys.FindAsync([subjectId], cancellationToken)).GetValueOrDefault(subjectId);

    /// <summary>The subject's key, made when it has none; null when the subject was erased.</summary>
    public static async Task<SubjectKey?> GetOrCreateAsync(this IPersonalKeyStore keys, Guid subjectId, CancellationToken cancellationToken) =>
        (await keys.GetOrCreateAsync([subjectId], cancellationToken)).GetValueOrDefault(subjectId);
}

/// <summary>Bound from "KeyStore". The connection is ConnectionStrings:Keys, with credentials of its own in Production.</summary>
public sealed class KeyStoreSettings
{
    public string Database { get; set; } = "fivesoc_keys";
    public string Schema { get; set; } = "keys";

    /// <summary>The erasure log's schema: deploy/restore.sh restores everything of the key store but this.</summary>
    public string ErasureSchema { get; set; } = "erasures";
}

/// <summary>The key store on PostgreSQL: one table of keys, one of erased subjects, both in the key store's own database.</summary>
public sealed class PostgresKeyStore(NpgsqlDataSource source, KeyStoreSettings settings, string owner, TimeProvider clock) : IPersonalKeyStore
{
    private string Keys => $"\"{settings.Schema}\".subject_key";
    private string Log => $"\"{settings.ErasureSchema}\".erased_subject";

    public async Task<IReadOnlyDictionary<Guid, SubjectKey>> FindAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0) return new Dictionary<Guid, SubjectKey>();
        await using var command = source.CreateCommand($"select id, key, created_at from {Keys} where owner = $1 and id = any($2)");
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = subjectIds.Distinct().ToArray() });
        return await ReadKeysAsync(await command.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, SubjectKey>> GetOrCreateAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0) return new Dictionary<Guid, SubjectKey>();
        var ids = subjectIds.Distinct().ToArray();
        // Insert-if-absent, never overwrite: a replaced key would make everything sealed with the old one unreadable.
        await using var batch = source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            insert into {Keys} (owner, id, key, created_at)
              select $1, fresh.id, fresh.key, $4 from unnest($2::uuid[], $3::bytea[]) as fresh(id, key)
              where not exists (select 1 from {Log} erased where erased.id = fresh.id)
              on conflict do nothing
            """)
        {
            Parameters =
            {
                new() { Value = owner }, new() { Value = ids },
                new() { Value = ids.Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray() }, new() { Value = clock.GetUtcNow() },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select id, key, created_at from {Keys} where owner = $1 and id = any($2)")
        {
            Parameters = { new() { Value = owner }, new() { Value = ids } },
        });
        return await ReadKeysAsync(await batch.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0) return;
        await using var command = source.CreateCommand($"delete from {Keys} where owner = $1 and id = any($2)");
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = subjectIds.Distinct().ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task EraseAsync(IReadOnlyCollection<ErasedSubject> subjects, CancellationToken cancellationToken)
    {
        if (subjects.Count == 0) return;
        var unique = subjects.DistinctBy(s => s.Id).ToArray();
        // One statement, so one transaction: the keys are gone exactly when the subjects are logged.
        await using var command = source.CreateCommand(
            $"""
            with logged as (
              insert into {Log} (id, kind, erased_at)
                select * from unnest($1::uuid[], $2::text[], $3::timestamptz[]) on conflict do nothing)
            delete from {Keys} where id = any($1)
            """);
        command.Parameters.Add(new() { Value = unique.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new() { Value = unique.Select(s => s.Kind).ToArray() });
        command.Parameters.Add(new() { Value = unique.Select(s => s.ErasedAt).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ImportAsync(IReadOnlyCollection<SubjectKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return;
        await using var command = source.CreateCommand(
            $"""
            insert into {Keys} (owner, id, key, created_at)
              select $1, moved.id, moved.key, moved.created_at from unnest($2::uuid[], $3::bytea[], $4::timestamptz[]) as moved(id, key, created_at)
              where not exists (select 1 from {Log} erased where erased.id = moved.id)
              on conflict do nothing
            """);
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = keys.Select(k => k.Id).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.Key).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.CreatedAt).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ErasedSubject>> ErasedAsync(string? kind, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"select id, kind, erased_at from {Log} where $1::text is null or kind = $1 order by erased_at, id");
        command.Parameters.Add(new() { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var erased = new List<ErasedSubject>();
        while (await reader.ReadAsync(cancellationToken))
            erased.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return erased;
    }

    /// <summary>
    /// Creates the tables when missing and deletes every key of a logged subject: after a restore
    /// of a key store backup taken before an erasure, the erased person's keys are gone again.
    /// </summary>
    public async Task<int> PrepareAsync(CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            $"""
            create schema if not exists "{settings.Schema}";
            create schema if not exists "{settings.ErasureSchema}";
            create table if not exists {Keys} (
              owner text not null, id uuid not null, key bytea not null, created_at timestamptz not null, primary key (owner, id));
            create table if not exists {Log} (id uuid primary key, kind text not null, erased_at timestamptz not null);
            delete from {Keys} k using {Log} erased where k.id = erased.id
            """);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<Guid, SubjectKey>> ReadKeysAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<Guid, SubjectKey>();
        await using var _ = reader;
        do
        {
            while (await reader.ReadAsync(cancellationToken))
                keys[reader.GetGuid(0)] = new SubjectKey(reader.GetGuid(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2));
        }
        while (await reader.NextResultAsync(cancellationToken));
        return keys;
    }
}

public static class KeyStoreSetup
{
    public const string LocalKeysUser = "fivesoc_keys";

    /// <summary>
    /// The key store of this service: ConnectionStrings:Keys, or in development the local servers'
    /// (deploy/servers.sh makes the fivesoc_keys role and database). Production refuses to start
    /// when it is unset, uses a published password, or shares the event store's user.
    /// </summary>
    /// <param name="movedFrom">The document table this service kept its keys in before (moved in at start), if any.</param>
    public static IHostApplicationBuilder AddKeyStore(this IHostApplicationBuilder builder, string? movedFrom = null)
    {
        var identity = builder.GetServiceIdentity();
        var settings = builder.Configuration.GetSection("KeyStore").Get<KeyStoreSettings>() ?? new();
        var connection = new NpgsqlConnectionStringBuilder(
            builder.Configuration.GetConnectionString("Keys") is { Length: > 0 } keys ? keys : LocalConnection(builder.Configuration))
        {
            Database = settings.Database,
        };
        if (connection.MaxPoolSize == 100) connection.MaxPoolSize = 10;
        builder.RefuseDevelopmentSecrets(DevelopmentKeyStore);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new KeyStoreDatabase(connection.ConnectionString, settings.Database));
        builder.Services.AddKeyedSingleton(nameof(PostgresKeyStore), (_, _) => NpgsqlDataSource.Create(connection.ConnectionString));
        builder.Services.AddSingleton(services => new PostgresKeyStore(
            services.GetRequiredKeyedService<NpgsqlDataSource>(nameof(PostgresKeyStore)), settings, identity.Name, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IPersonalKeyStore>(services => services.GetRequiredService<PostgresKeyStore>());
        builder.Services.AddHostedService<KeyStoreBootstrapper>();
        if (movedFrom is not null)
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<KeysMovedIntoKeyStore>(services, movedFrom));
        return builder;
    }

    /// <summary>The local servers' key store: the event store's server, the key store's own role.</summary>
    private static string LocalConnection(IConfiguration configuration)
    {
        var server = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres") ?? LocalDefaults.Postgres);
        return new NpgsqlConnectionStringBuilder(LocalDefaults.Keys) { Host = server.Host, Port = server.Port }.ConnectionString;
    }

    private static IEnumerable<DevelopmentSecret> DevelopmentKeyStore(IConfiguration configuration)
    {
        var raw = configuration.GetConnectionString("Keys");
        if (string.IsNullOrWhiteSpace(raw))
        {
            yield return new("ConnectionStrings:Keys", "unset, so the local servers' key store and its published password");
            yield break;
        }
        var keys = new NpgsqlConnectionStringBuilder(raw);
        if (ProductionSecrets.IsPublishedPassword(keys.Password))
            yield return new("ConnectionStrings:Keys", "its password is a published default");
        else if (configuration.GetConnectionString("Postgres") is { Length: > 0 } stores
                 && string.Equals(new NpgsqlConnectionStringBuilder(stores).Username, keys.Username, StringComparison.Ordinal))
            yield return new("ConnectionStrings:Keys", "the same user as ConnectionStrings:Postgres, so whoever reads the events reads their keys too");
    }

    /// <summary>Waits for the key store's server, creates its tables, and re-applies the erasure log, before anything reads a key.</summary>
    private sealed class KeyStoreBootstrapper(
        PostgresKeyStore keys, KeyStoreDatabase database, KeyStoreSettings settings, ILoggerFactory loggers, ILogger<PostgresKeyStore> logger)
        : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => PrepareAsync(keys, database, settings, loggers, logger, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The key store made ready, at a host's start and by its "migrate" command: database, tables, the erasure log applied.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await PrepareAsync(services.GetRequiredService<PostgresKeyStore>(), services.GetRequiredService<KeyStoreDatabase>(),
            services.GetRequiredService<KeyStoreSettings>(), services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<ILogger<PostgresKeyStore>>(), cancellationToken);

    private static async Task PrepareAsync(
        PostgresKeyStore keys, KeyStoreDatabase database, KeyStoreSettings settings, ILoggerFactory loggers, ILogger logger, CancellationToken cancellationToken)
    {
        await new DatabaseBootstrapper(new EventStoreDatabase(database.ConnectionString, database.Name), loggers.CreateLogger<DatabaseBootstrapper>())
            .StartingAsync(cancellationToken);
        var deleted = 0;
        await DatabaseBootstrapper.WaitForServer.ExecuteAsync(async token => deleted = await keys.PrepareAsync(token), cancellationToken);
        if (deleted > 0)
            logger.LogWarning("Deleted {Count} keys of erased subjects from key store {Database}: it was restored from before their erasure", deleted, settings.Database);
    }
}

/// <summary>The key store's database: its connection string and name.</summary>
public sealed record KeyStoreDatabase(string ConnectionString, string Name);
