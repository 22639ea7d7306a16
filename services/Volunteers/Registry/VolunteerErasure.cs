// A volunteer's name, phone and home are sealed with their own key in the key store; erasing the
// volunteer destroys it (issue 27, part 5). Two things at every start keep that true of an old
// store: volunteers registered before were sealed then (their events rewritten once, the only
// time an event is), and the erasure log is re-applied after a restore from before an erasure.
using System.Text.Json;
using System.Text.Json.Nodes;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using Marten;
using Npgsql;

namespace FiveSocieties.Volunteers.Registry;

public static class VolunteerErasure
{
    /// <summary>The erasure log's kind for a volunteer.</summary>
    public const string Kind = "volunteer";

    /// <summary>Volunteers in the erasure log whose record does not say so (a restore from before): erased again.</summary>
    public static async Task<int> ReapplyAsync(IDocumentStore store, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        // One look finds the few a restore brought back; the rest are decided only then.
        var logged = (await personalKeys.ErasedAsync(Kind, cancellationToken)).ToDictionary(s => s.Id);
        if (logged.Count == 0) return 0;
        IReadOnlyList<Guid> notErased;
        await using (var query = store.QuerySession())
            notErased = await query.Query<Volunteer>().Where(v => v.Id.IsOneOf(logged.Keys.ToArray()) && v.Status != VolunteerStatus.Erased)
                .Select(v => v.Id).ToListAsync(cancellationToken);
        var again = 0;
        foreach (var erased in notErased.Select(id => logged[id]))
            again += await store.WriteAsync(async (session, ct) =>
            {
                var decision = await session.DecideAsync<Volunteer>(erased.Id,
                    state => state is null ? [] : VolunteerDecider.Decide(state, new EraseVolunteer(erased.Id, Guid.Empty, erased.ErasedAt)), ct);
                if (decision.ChangedNothing) return 0;
                await session.SaveChangesAsync(ct);
                return 1;
            }, cancellationToken);
        return again;
    }

    /// <summary>
    /// Registrations written before volunteers were sealed carry name, phone and home in plain: each is
    /// sealed with the volunteer's key, in the event and the document, in one transaction. An erased
    /// volunteer's plain values are dropped instead.
    /// </summary>
    public static async Task<int> SealEarlierAsync(
        IDocumentStore store, EventStoreDatabase database, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var plain = new List<(long Seq, JsonObject Data)>();
        await using (var find = new NpgsqlCommand($"select seq_id, data::text from \"{schema}\".mt_events where type = 'volunteer_registered' and data ? 'name'", connection))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                plain.Add((reader.GetInt64(0), JsonNode.Parse(reader.GetString(1))!.AsObject()));
        if (plain.Count == 0) return 0;
        var keys = await personalKeys.GetOrCreateAsync(plain.Select(p => p.Data["volunteerId"]!.GetValue<Guid>()).ToList(), cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (seq, data) in plain)
        {
            var id = data["volunteerId"]!.GetValue<Guid>();
            var home = data["home"]!;
            var person = new VolunteerPerson(data["name"]!.GetValue<string>(), data["phone"]!.GetValue<string>(),
                new Position(home["latitude"]!.GetValue<double>(), home["longitude"]!.GetValue<double>()));
            var sealedPerson = keys.TryGetValue(id, out var key) ? PersonalData.SealJson(key, person) : null;
            // The event and the volunteer's document alike: the three plain fields out, the sealed value in.
            foreach (var (table, row, rowId) in new (string, string, object)[]
                     { ($"\"{schema}\".mt_events", "seq_id", seq), ($"\"{store.Options.DatabaseSchemaName}\".mt_doc_volunteer", "id", id) })
            {
                await using var update = new NpgsqlCommand(
                    $"update {table} set data = (data - 'name' - 'phone' - 'home') || jsonb_build_object('sealedPerson', $2::text) where {row} = $1",
                    connection, transaction)
                {
                    Parameters = { new() { Value = rowId }, new() { Value = (object?)sealedPerson ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
                };
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return plain.Count;
    }
}

/// <summary>Seals earlier registrations and re-applies the erasure log, before the service takes requests or messages.</summary>
public sealed class VolunteersSealedAndErased(
    IDocumentStore store, EventStoreDatabase database, IPersonalKeyStore personalKeys, ILogger<VolunteersSealedAndErased> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sealedNow = await VolunteerErasure.SealEarlierAsync(store, database, personalKeys, cancellationToken);
        if (sealedNow > 0) logger.LogWarning("Sealed the name, phone and home of {Count} volunteers registered before they were sealed", sealedNow);
        var again = await VolunteerErasure.ReapplyAsync(store, personalKeys, cancellationToken);
        if (again > 0) logger.LogWarning("Erased {Count} volunteers again from the erasure log: the store was restored from before their erasure", again);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
