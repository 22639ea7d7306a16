using Marten;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>Which page of a list a client asked for: pages count from 1, at most <see cref="MaxSize"/> items each.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public int Skip => (Page - 1) * PageSize;
}

/// <summary>One page of a list, and how many items the whole list has (so a client can draw its pager).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class ListPages
{
    /// <summary>
    /// The page of <paramref name="filtered"/> in the given order, each document shown as <paramref name="view"/>.
    /// The total is counted on its own: query statistics count only the rows a page returns, so a
    /// page beyond the end would report 0.
    /// </summary>
    public static async Task<ListPage<TView>> ToListPageAsync<TDocument, TView>(
        this IQueryable<TDocument> filtered, Func<IQueryable<TDocument>, IQueryable<TDocument>> order, Paging paging,
        Func<TDocument, TView> view, CancellationToken cancellationToken)
        where TDocument : notnull
    {
        var total = await filtered.LongCountAsync(cancellationToken);
        var documents = total > paging.Skip
            ? await order(filtered).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken)
            : [];
        return new ListPage<TView>(documents.Select(view).ToList(), paging.Page, paging.PageSize, total);
    }
}
