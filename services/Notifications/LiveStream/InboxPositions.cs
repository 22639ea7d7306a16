using Marten;
using Marten.Services.BatchQuerying;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// Each inbox numbers its notifications 1, 2, 3, … — the live stream's ids. A notification takes
/// its number in the transaction that creates it, from a row per inbox that stays locked until
/// that transaction ends. So two transactions writing to the same inbox run one after the other,
/// and an inbox's numbers become visible in order: a client that has seen number n has seen (or
/// can read from the store) everything below n, and nothing below n can still appear. (A number
/// can stay unused — taken for a notification that turned out to exist already — and a stream
/// skips it.) That is what makes <c>Last-Event-ID</c> resumption exact without waiting for every
/// other transaction in the store, as following the global event sequence had to.
///
/// Transactions writing to different inboxes do not wait for each other. Rows are locked in
/// inbox id order, so two transactions sharing several inboxes cannot deadlock.
/// </summary>
public static class InboxPositions
{
    public const string TableName = "inbox_position";

    /// <summary>The table, created with the store's other schema objects.</summary>
    public static void AddInboxPositions(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("inbox_id").AsPrimaryKey();
        table.AddColumn<long>("position").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>
    /// Takes the next <c>count</c> numbers of each inbox as part of a batch query (no round trip of
    /// its own) and returns the last one taken per inbox. The batch must run in the session's
    /// transaction (<c>BeginTransactionAsync</c> first): the rows stay locked until it commits, or
    /// they would be unlocked before the notifications numbered with them commit.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> Take(IBatchedQuery batch, string schema, IReadOnlyDictionary<Guid, int> counts)
    {
        if (counts.Count == 0) return new Dictionary<Guid, long>();
        var inboxes = counts.Keys.ToArray();
        var taken = inboxes.Select(i => (long)counts[i]).ToArray();
        // INSERT … SELECT … ORDER BY locks the rows in that order, so two transactions sharing inboxes
        // cannot deadlock. A batch reads rows as JSON into a class.
        var rows = await batch.Query<TakenPosition>(
            $"""
             with taken as (
               insert into {schema}.{TableName} as p (inbox_id, position)
               select inbox, taken from unnest(?::uuid[], ?::bigint[]) as t(inbox, taken) order by inbox
               on conflict (inbox_id) do update set position = p.position + excluded.position
               returning p.inbox_id, p.position)
             select json_build_object('inboxId', inbox_id, 'position', position) from taken
             """, inboxes, taken);
        if (rows.Count != inboxes.Length) throw new InvalidOperationException($"Took positions for {rows.Count} of {inboxes.Length} inboxes.");
        return rows.ToDictionary(r => r.InboxId, r => r.Position);
    }

    private sealed record TakenPosition(Guid InboxId, long Position);

    /// <summary>The last number each inbox has given out (0 for an inbox with none).</summary>
    public static async Task<long[]> CurrentAsync(IQuerySession session, IReadOnlyList<Guid> inboxes, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var current = await session.AdvancedSql.QueryAsync<long>(
            $"""
             select coalesce(p.position, 0) from unnest(?::uuid[]) with ordinality as asked(inbox, n)
             left join {schema}.{TableName} p on p.inbox_id = asked.inbox order by asked.n
             """, ct, [(object)inboxes.ToArray()]);
        return current.ToArray();
    }
}
