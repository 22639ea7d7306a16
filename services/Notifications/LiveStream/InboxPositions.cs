using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// Each inbox numbers its notifications 1, 2, 3, … — the live stream's ids. A notification takes
/// its number in the transaction that creates it, from a row per inbox that stays locked until
/// that transaction ends. So two transactions writing to the same inbox run one after the other,
/// and an inbox's numbers become visible in order, without gaps: a client that has seen number n
/// has seen (or can read from the store) everything below n, and nothing below n can still
/// appear. That is what makes <c>Last-Event-ID</c> resumption exact without waiting for every
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
    /// Takes the next <c>count</c> numbers of each inbox in the session's transaction (begun here
    /// if it was not), and returns the last one taken per inbox. The rows stay locked until the
    /// session commits or is disposed.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> TakeAsync(IDocumentSession session, IReadOnlyDictionary<Guid, int> counts,
        CancellationToken ct)
    {
        if (counts.Count == 0) return new Dictionary<Guid, long>();
        await session.BeginTransactionAsync(ct);
        var inboxes = counts.Keys.Order().ToArray();
        var taken = inboxes.Select(i => (long)counts[i]).ToArray();
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        // INSERT … SELECT … ORDER BY locks the rows in that order (PostgreSQL's uuid order, not .NET's Guid order,
        // so the answer comes back in the order asked by ordinality). In the session's transaction.
        var last = await session.AdvancedSql.QueryAsync<long>(
            $"""
             with taken as (
               insert into {schema}.{TableName} as p (inbox_id, position)
               select inbox, taken from unnest(?::uuid[], ?::bigint[]) as t(inbox, taken) order by inbox
               on conflict (inbox_id) do update set position = p.position + excluded.position
               returning p.inbox_id, p.position)
             select taken.position from unnest(?::uuid[]) with ordinality as asked(inbox, n) join taken on taken.inbox_id = asked.inbox
             order by asked.n
             """, ct, inboxes, taken, inboxes);
        if (last.Count != inboxes.Length) throw new InvalidOperationException($"Took positions for {last.Count} of {inboxes.Length} inboxes.");
        return inboxes.Select((inbox, n) => (inbox, last[n])).ToDictionary(x => x.inbox, x => x.Item2);
    }

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
