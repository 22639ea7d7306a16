using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using Marten;
using Microsoft.AspNetCore.Http;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>What one command over HTTP did: the record as the decider saw it, the decision, and the record after it.</summary>
public sealed record Decided<TState>(TState Before, Decision Decision, TState After) where TState : class;

public static class HttpDecisions
{
    /// <summary>
    /// The whole path of a command on one existing record: honour <c>If-Match</c>, load it (404
    /// when it does not exist), check the caller may touch it (<paramref name="ensureCanSee"/>
    /// throws 404 or 403), decide, let <paramref name="alongside"/> add what changes with it in the
    /// same commit (only when the decision changed something), save, set the new version as ETag,
    /// answer. A caller who named no version did not ask to be refused when someone else wrote
    /// first: the command is decided again on what that writer committed
    /// (<see cref="ConcurrencyRetry"/>); one who did gets 409.
    /// </summary>
    public static Task<IResult> DecideOverHttpAsync<TState>(
        this IDocumentStore store, Guid id, HttpContext http, Action<TState> ensureCanSee,
        Func<TState, IReadOnlyList<object>> decide, Func<Decided<TState>, IResult> answer, CancellationToken cancellationToken,
        Func<TState, Decision, IDocumentSession, Task>? alongside = null)
        where TState : class =>
        store.DecideAsync<TState, IResult>(id, http, state =>
            {
                if (state is null) throw new RecordNotFound(typeof(TState).Name, id);
                ensureCanSee(state);
                return decide(state);
            },
            written => answer(new Decided<TState>(written.Before!, written.Decision, written.After!)), cancellationToken,
            alongside is null ? null : (before, decision, session) => alongside(before!, decision, session));

    /// <summary>
    /// The same path for a command that may start its record: the decider is handed null when
    /// there is none yet, and starts it or refuses (a roster place, a person's preferences, a
    /// district's first townships). The caller checks beforehand who may act, as there may be no
    /// record to check against. <paramref name="alongside"/> adds what changes with it in the same
    /// commit, as above.
    /// </summary>
    public static Task<TResult> DecideOrStartOverHttpAsync<TState, TResult>(
        this IDocumentStore store, Guid id, HttpContext http, Func<TState?, IReadOnlyList<object>> decide,
        Func<Decision, TState?, TResult> answer, CancellationToken cancellationToken,
        Func<TState?, Decision, IDocumentSession, Task>? alongside = null)
        where TState : class
        where TResult : IResult =>
        store.DecideAsync<TState, TResult>(id, http, decide, written => answer(written.Decision, written.After), cancellationToken, alongside);

    /// <summary>
    /// The answer of a command that creates something under a client-chosen id: 201 at
    /// <paramref name="location"/> the first time, 200 with the same body for a repeat that changed nothing.
    /// </summary>
    public static IResult CreatedUnlessRepeated<TBody>(this Decision decision, string location, TBody body) =>
        decision.ChangedNothing ? TypedResults.Ok(body) : TypedResults.Created(location, body);

    private sealed record Written<TState>(TState? Before, Decision Decision, TState? After) where TState : class;

    private static async Task<TResult> DecideAsync<TState, TResult>(
        this IDocumentStore store, Guid id, HttpContext http, Func<TState?, IReadOnlyList<object>> decide,
        Func<Written<TState>, TResult> answer, CancellationToken cancellationToken,
        Func<TState?, Decision, IDocumentSession, Task>? alongside)
        where TState : class
        where TResult : IResult
    {
        var expected = ExpectedVersion.FromIfMatch(http.Request);
        var written = await store.WriteAsync(expected, (session, ct) => DecideAndSaveAsync(session, id, expected, decide, alongside, ct), cancellationToken);
        ExpectedVersion.SetETag(http.Response, written.Decision.Version);
        return answer(written);
    }

    private static async Task<Written<TState>> DecideAndSaveAsync<TState>(
        IDocumentSession session, Guid id, long? expected, Func<TState?, IReadOnlyList<object>> decide,
        Func<TState?, Decision, IDocumentSession, Task>? alongside, CancellationToken cancellationToken)
        where TState : class
    {
        TState? before = null;
        var decision = await session.DecideAsync<TState>(id, state =>
        {
            before = state;
            return decide(state);
        }, cancellationToken, expected);
        if (alongside is not null && !decision.ChangedNothing) await alongside(before, decision, session);
        await session.SaveChangesAsync(cancellationToken);
        // The record as Marten folded it with the new events: after FetchForWriting and the commit
        // it is in the session, not read again (PlainEventVersionTests counts the trips).
        var after = decision.ChangedNothing ? before : await session.Events.FetchLatest<TState>(id, cancellationToken) ?? before;
        return new Written<TState>(before, decision, after);
    }
}
