using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.IntegrationTests.Infrastructure;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Projections;
using Marten.Services;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Backbone;

public sealed record ParcelPacked(Guid ParcelId, string Contents);
public sealed record ParcelSent(Guid ParcelId);
public sealed record ParcelReturned(Guid ParcelId, string Reason);

/// <summary>
/// Shaped like our aggregates (Delivery, Alarm, Case): a positional, immutable record that folds
/// plain events and never sets its own <see cref="Version"/>.
/// </summary>
public sealed record Parcel(Guid Id, string Contents, string Status, long Version)
{
    public static Parcel Create(ParcelPacked packed) => new(packed.ParcelId, packed.Contents, "packed", 0);
    public Parcel Apply(ParcelSent _) => this with { Status = "sent" };
    public Parcel Apply(ParcelReturned returned) => this with { Status = "returned: " + returned.Reason };
}

/// <summary>
/// What "evolve on plain events" rests on, measured on Marten 9: an aggregate whose Apply takes the
/// plain event still carries its stream's version — folded live, kept as an inline snapshot, or
/// built by the async daemon — and the state after a decision is read back from the session
/// without another trip to the database.
/// </summary>
public sealed class PlainEventVersionTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private readonly List<DocumentStore> _stores = [];

    public Task InitializeAsync() => _isolation.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) store.Dispose();
        await _isolation.DisposeAsync();
    }

    private DocumentStore StoreKeeping(string lifecycle)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(LocalServers.PostgresFor(LocalServers.TestDatabase));
            options.DatabaseSchemaName = _isolation.SchemaFor("parcel_" + lifecycle);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            if (lifecycle == "inline") options.Projections.Snapshot<Parcel>(SnapshotLifecycle.Inline);
            if (lifecycle == "async") options.Projections.Snapshot<Parcel>(SnapshotLifecycle.Async);
        });
        _stores.Add(store);
        return store;
    }

    private static async Task<Guid> PackAndSendAsync(IDocumentStore store)
    {
        var id = Guid.NewGuid();
        await using var session = store.LightweightSession();
        session.Events.StartStream<Parcel>(id, new ParcelPacked(id, "rice"), new ParcelSent(id));
        await session.SaveChangesAsync();
        return id;
    }

    [Theory]
    [InlineData("live")]
    [InlineData("inline")]
    [InlineData("async")]
    public async Task A_record_folding_plain_events_carries_the_stream_s_version(string lifecycle)
    {
        var store = StoreKeeping(lifecycle);
        var id = await PackAndSendAsync(store);

        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Parcel>(id);
            stream.Aggregate!.Version.ShouldBe(2);
            stream.Aggregate.Status.ShouldBe("sent");
            stream.AppendOne(new ParcelReturned(id, "nobody home"));
            await session.SaveChangesAsync();
        }

        await using var query = store.LightweightSession();
        var latest = await query.Events.FetchLatest<Parcel>(id);
        latest!.Version.ShouldBe(3);
        latest.Status.ShouldBe("returned: nobody home");
        if (lifecycle == "live") return;

        if (lifecycle == "async")
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.StartAllAsync();
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
            await daemon.StopAllAsync();
        }
        var stored = await query.LoadAsync<Parcel>(id);
        stored!.Version.ShouldBe(3, $"the {lifecycle} snapshot as stored");
        stored.Status.ShouldBe("returned: nobody home");
    }

    [Fact]
    public async Task The_state_after_a_decision_comes_from_the_session_without_another_database_trip()
    {
        var store = StoreKeeping("inline");
        var id = await PackAndSendAsync(store);

        await using var session = store.LightweightSession();
        var decision = await session.DecideAsync<Parcel>(id, parcel => [new ParcelReturned(id, "wrong address")], CancellationToken.None);
        await session.SaveChangesAsync();
        var trips = new CountingLogger();
        session.Logger = trips;

        var after = await session.Events.FetchLatest<Parcel>(id);

        after!.Version.ShouldBe(decision.Version);
        after.Status.ShouldBe("returned: wrong address");
        trips.Commands.ShouldBe(0, "FetchLatest after FetchForWriting and the commit answers from the identity map");
        (await session.Events.FetchStreamStateAsync(id))!.Version.ShouldBe(decision.Version);
        trips.Commands.ShouldBe(1, "a read that does go to the database is counted");
    }

    private sealed class CountingLogger : IMartenSessionLogger
    {
        public int Commands { get; private set; }
        public void OnBeforeExecute(NpgsqlCommand command) => Commands++;
        public void OnBeforeExecute(NpgsqlBatch batch) => Commands++;
        public void LogSuccess(NpgsqlCommand command) { }
        public void LogSuccess(NpgsqlBatch batch) { }
        public void LogFailure(NpgsqlCommand command, Exception ex) { }
        public void LogFailure(NpgsqlBatch batch, Exception ex) { }
        public void LogFailure(Exception ex, string message) { }
        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    }
}
