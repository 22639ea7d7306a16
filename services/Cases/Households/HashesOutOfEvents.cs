// Before issue 27 the household events carried the members' keyed hashes, so an erased person's
// hashes stayed in the stream for ever. They now live only in the index rows; this strips them
// from events and household documents written before, at every start (one indexed look per table
// once done). The index rows those events built are kept as they are.
using FiveSocieties.BuildingBlocks.EventStore;
using Marten;
using Npgsql;

namespace FiveSocieties.Cases.Households;

public sealed class HashesOutOfEvents(IDocumentStore store, EventStoreDatabase database, ILogger<HashesOutOfEvents> logger) : IHostedService
{
    private const string HashFields = "'idNumberHash', 'personHash', 'nameHash', 'phoneHash'";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var household = $"\"{store.Options.DatabaseSchemaName}\".mt_doc_household";
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            update "{schema}".mt_events set data = jsonb_set(data, array['members'], {WithoutHashes})
              where type in ('household_registered', 'household_absorbed', 'household_members_made_findable', 'household_members_rehashed')
                and jsonb_path_exists(data, '$.members[*] ? (exists(@.personHash) || exists(@.nameHash) || exists(@.idNumberHash) || exists(@.phoneHash))');
            update {household} set data = jsonb_set(data, array['members'], {WithoutHashes})
              where jsonb_path_exists(data, '$.members[*] ? (exists(@.personHash) || exists(@.nameHash) || exists(@.idNumberHash) || exists(@.phoneHash))')
            """, connection);
        var stripped = await command.ExecuteNonQueryAsync(cancellationToken);
        if (stripped > 0) logger.LogWarning("Stripped keyed hashes from {Count} household events and documents written before they left the events", stripped);
    }

    private static string WithoutHashes =>
        $"(select coalesce(jsonb_agg(member - array[{HashFields}] order by position), '[]'::jsonb) from jsonb_array_elements(data->'members') with ordinality as m(member, position))";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
