using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Npgsql;
using Weasel.Core;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>What a snapshot rebuild did: streams read, documents written, events applied, how long it took.</summary>
public sealed record SnapshotRebuildResult(long Streams, long Documents, long Events, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Rebuilds an inline single-stream snapshot (a document aggregated from its own stream, such as
/// a case) stream by stream instead of through the async daemon's global replay.
///
/// Why not the daemon: it reads every event of the store in sequence order, and because a
/// stream's events are spread across the whole history it must keep every touched document in
/// memory and upsert it again and again, far below the rate at which the same events can simply
/// be read. A snapshot of one stream depends on that stream alone, so
/// here each batch of streams is read in one query, folded by Marten's own aggregator (the same
/// Create/Apply code the inline projection runs), and its documents written once, with binary
/// COPY. Batches run side by side: while one waits for PostgreSQL another folds.
///
/// Run it while nothing appends to these streams (the service stopped, or its writers paused):
/// the documents are removed first and written back batch by batch, as with Marten's own rebuild.
/// </summary>
public static class SnapshotRebuild
{
    /// <summary>A thousand streams per query: ~10,000 events of an ordinary case, one COPY of a thousand documents.</summary>
    private const int StreamsPerBatch = 1_000;

    /// <summary>Two batches at once: while one waits on PostgreSQL the other folds (more only contend for the same processors).</summary>
    private const int ParallelBatches = 2;

    public static async Task<SnapshotRebuildResult> RebuildSnapshotsAsync<TDoc>(this IDocumentStore store, CancellationToken cancellationToken = default)
        where TDoc : class
    {
        var options = (StoreOptions)store.Options;
        var events = (EventGraph)options.Events;
        if (!options.Projections.TryFindAggregate(typeof(TDoc), out var projection) || projection.Scope != AggregationScope.SingleStream)
            throw new InvalidOperationException($"{typeof(TDoc).Name} is not a single-stream snapshot of this store.");
        if (projection.AllEventTypes.FirstOrDefault(t => t.IsAbstract || t.IsInterface) is { } general)
            throw new NotSupportedException($"{typeof(TDoc).Name} applies {general.Name}, an abstract event type: rebuild it through the daemon.");
        // The same events the daemon would hand this projection: those of the types it applies.
        var handled = projection.AllEventTypes.Select(t => events.EventMappingFor(t).EventTypeName).Distinct().ToArray();
        var aggregator = options.Projections.AggregatorFor<TDoc>();
        var watch = Stopwatch.StartNew();

        var streams = await StreamsWithAsync(store, handled, cancellationToken);
        var reader = new StreamHistoryReader(store, handled);
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(TDoc), cancellationToken);

        long documents = 0, applied = 0;
        await Parallel.ForEachAsync(streams.Chunk(StreamsPerBatch),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                await using var session = store.QuerySession();
                var snapshots = new List<TDoc>(batch.Length);
                var read = await reader.ReadStreamsAsync(batch, async history =>
                {
                    if (await aggregator.BuildAsync(history, session, null, token) is { } snapshot) snapshots.Add(snapshot);
                }, token);
                if (snapshots.Count > 0) await store.BulkInsertAsync(snapshots, BulkInsertMode.InsertsOnly, snapshots.Count, token);
                Interlocked.Add(ref applied, read);
                Interlocked.Add(ref documents, snapshots.Count);
            });
        return new SnapshotRebuildResult(streams.Count, documents, applied, watch.Elapsed);
    }

    /// <summary>
    /// The streams holding any event the projection applies. Not Marten's stream type column:
    /// streams begun by appending rather than through an aggregate type carry none.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> StreamsWithAsync(IDocumentStore store, string[] eventTypes, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.AdvancedSql.QueryAsync<Guid>(
            $"select distinct stream_id from {store.Options.Events.DatabaseSchemaName}.mt_events where type = any(?) and is_archived = false order by stream_id",
            cancellationToken, [(object)eventTypes]); // one array parameter, not the array spread as the parameter list
    }

    /// <summary>
    /// Reads the events of a batch of streams in one query. Marten 9 reads each event body with
    /// an asynchronous JSON read of its own, a large share of a rebuild's time; here each
    /// body is parsed in one synchronous call from the row already in memory, through Marten's own
    /// serializer and event type mappings, with the metadata a projection may read.
    /// </summary>
    private sealed class StreamHistoryReader
    {
        private readonly string _connectionString;
        private readonly Marten.ISerializer _serializer;
        private readonly EventGraph _events;
        private readonly IReadonlyMetadataConfig _metadata;
        private readonly string _sql;
        private readonly Lock _typesLock = new();
        private Dictionary<string, EventMapping> _types;

        private readonly string[] _eventTypes;

        public StreamHistoryReader(IDocumentStore store, string[] eventTypes)
        {
            _eventTypes = eventTypes;
            using (var connection = store.Storage.Database.CreateConnection()) _connectionString = connection.ConnectionString;
            _serializer = store.Options.Serializer();
            _events = (EventGraph)store.Options.Events;
            _metadata = store.Options.Events.MetadataConfig;
            _types = _events.AllKnownEventTypes().OfType<EventMapping>().ToDictionary(m => m.EventTypeName);
            var optional = (_metadata.CorrelationIdEnabled ? ", correlation_id" : ", null")
                + (_metadata.CausationIdEnabled ? ", causation_id" : ", null")
                + (_metadata.HeadersEnabled ? ", headers" : ", null");
            _sql = $"select data, type, mt_dotnet_type, seq_id, id, stream_id, version, timestamp, tenant_id{optional} "
                + $"from {_events.DatabaseSchemaName}.mt_events where stream_id = any($1) and type = any($2) and is_archived = false order by stream_id, version";
        }

        /// <summary>
        /// Hands each stream's history, in version order, to <paramref name="fold"/> as it is read:
        /// one stream's events in memory at a time, not the batch's (large arrays would go to the
        /// large-object heap and force full collections). Returns the number of events read.
        /// </summary>
        public async Task<long> ReadStreamsAsync(Guid[] streams, Func<IReadOnlyList<IEvent>, ValueTask> fold, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(_sql, connection) { Parameters = { new() { Value = streams }, new() { Value = _eventTypes } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long read = 0;
            var history = new List<IEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var @event = Read(reader);
                if (history.Count > 0 && history[0].StreamId != @event.StreamId)
                {
                    await fold(history);
                    history = [];
                }
                history.Add(@event);
                read++;
            }
            if (history.Count > 0) await fold(history);
            return read;
        }

        private IEvent Read(NpgsqlDataReader reader)
        {
            var mapping = MappingFor(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            var @event = mapping.Wrap(_serializer.FromJson(mapping.DocumentType, reader, 0));
            @event.EventTypeName = mapping.EventTypeName;
            @event.DotNetTypeName = mapping.DotNetTypeName;
            @event.Sequence = reader.GetInt64(3);
            @event.Id = reader.GetGuid(4);
            @event.StreamId = reader.GetGuid(5);
            @event.Version = reader.GetInt64(6);
            @event.Timestamp = reader.GetFieldValue<DateTimeOffset>(7);
            @event.TenantId = reader.GetString(8);
            if (!reader.IsDBNull(9)) @event.CorrelationId = reader.GetString(9);
            if (!reader.IsDBNull(10)) @event.CausationId = reader.GetString(10);
            if (!reader.IsDBNull(11)) @event.Headers = _serializer.FromJson<Dictionary<string, object>>(reader, 11);
            return @event;
        }

        /// <summary>The mapping of a stored type name; a type no code has used yet in this process is found by its .NET name, as Marten does.</summary>
        private EventMapping MappingFor(string typeName, string? dotNetTypeName)
        {
            if (_types.TryGetValue(typeName, out var known)) return known;
            var type = dotNetTypeName is null ? null : Type.GetType(dotNetTypeName);
            if (type is null) throw new InvalidOperationException($"Unknown event type '{typeName}' ({dotNetTypeName}) in {_events.DatabaseSchemaName}.mt_events: the rebuild stops rather than skip it.");
            var mapping = _events.EventMappingFor(type);
            lock (_typesLock) _types = new Dictionary<string, EventMapping>(_types) { [typeName] = mapping };
            return mapping;
        }
    }
}
