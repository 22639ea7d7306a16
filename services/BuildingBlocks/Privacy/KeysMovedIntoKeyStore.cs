// Before the key store, each service kept its keys as Marten documents beside its events. At start
// they are moved into the key store and deleted from the service's database, so that an upgraded
// installation reads what it sealed before and its backups stop holding keys.
using System.Text.Json;
using FiveSocieties.BuildingBlocks.EventStore;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FiveSocieties.BuildingBlocks.Privacy;

/// <summary>Moves the keys of one document table (e.g. mt_doc_subject_key) into the key store; nothing to do once it is empty or absent.</summary>
public sealed class KeysMovedIntoKeyStore(
    string table, IDocumentStore store, EventStoreDatabase database, IPersonalKeyStore keys, TimeProvider clock, ILogger<KeysMovedIntoKeyStore> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var qualified = $"\"{store.Options.DatabaseSchemaName}\".{table}";
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection) { Parameters = { new() { Value = qualified } } })
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true) return;
        var moved = new List<SubjectKey>();
        await using (var read = new NpgsqlCommand($"select data from {qualified}", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
            {
                var document = JsonDocument.Parse(reader.GetString(0)).RootElement;
                moved.Add(new SubjectKey(document.GetProperty("id").GetGuid(), document.GetProperty("key").GetBytesFromBase64(),
                    document.TryGetProperty("createdAt", out var at) ? at.GetDateTimeOffset() : clock.GetUtcNow()));
            }
        if (moved.Count == 0) return;
        await keys.ImportAsync(moved, cancellationToken);
        await using (var delete = new NpgsqlCommand($"delete from {qualified} where id = any($1)", connection) { Parameters = { new() { Value = moved.Select(k => k.Id).ToArray() } } })
            await delete.ExecuteNonQueryAsync(cancellationToken);
        logger.LogWarning("Moved {Count} keys from {Table} into the key store", moved.Count, qualified);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
