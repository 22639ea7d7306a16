using Marten;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>What a service's store holds, read in SQL where Marten's API does not say it.</summary>
public static class StoredEvents
{
    /// <summary>
    /// How many events (of <paramref name="type"/>, or any) <paramref name="streams"/> hold, and how many
    /// transactions wrote them (PostgreSQL's xmin of each row): fewer transactions than messages is a group commit.
    /// </summary>
    public static async Task<(int Events, int Transactions)> WrittenAsync(IDocumentStore store, string schema,
        IReadOnlyCollection<Guid> streams, string? type = null)
    {
        await using var session = store.QuerySession();
        var sql = $"select xmin::text from {schema}.mt_events where stream_id = any(?)";
        var rows = type is null
            ? await session.AdvancedSql.QueryAsync<string>(sql, CancellationToken.None, streams.ToArray())
            : await session.AdvancedSql.QueryAsync<string>(sql + " and type = ?", CancellationToken.None, streams.ToArray(), type);
        return (rows.Count, rows.Distinct().Count());
    }
}
