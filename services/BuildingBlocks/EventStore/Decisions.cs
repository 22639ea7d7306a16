using FiveSocieties.BuildingBlocks.Domain;
using Marten;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>The outcome of one decision on a stream: the events appended and the stream's new version.</summary>
public sealed record Decision(IReadOnlyList<object> Events, long Version)
{
    public bool ChangedNothing => Events.Count == 0;
}

public static class Decisions
{
    /// <summary>
    /// The one path for every change: load the stream's state (checking the expected version
    /// when given), decide, append. The caller saves the session, so the events, inline
    /// projections and any inbox record commit together — or not at all.
    /// </summary>
    public static async Task<Decision> DecideAsync<TState>(
        this IDocumentSession session, Guid streamId, Func<TState?, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken, long? expectedVersion = null)
        where TState : class
    {
        // A second decision on a stream this session already changed would decide against the
        // stored state without the pending events — measured on Marten 9: on an existing stream
        // both decisions' events are appended (the second decider never saw the first's), on a
        // new one the commit fails with a stream-id collision. Refused here, where the mistake
        // is made; a caller with several commands for one stream decides them together.
        // Marten refuses an empty stream id outright; no record has it, so the caller named none.
        if (streamId == Guid.Empty) throw new RecordNotFound(typeof(TState).Name, streamId);
        if (session.PendingChanges.Streams().Any(s => s.Id == streamId))
            throw new InvalidOperationException(
                $"Stream {streamId} already has events pending in this session: decide its commands together, in one decision.");
        var stream = expectedVersion is { } version
            ? await session.Events.FetchForWriting<TState>(streamId, version, cancellationToken)
            : await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        var events = decide(stream.Aggregate);
        if (events.Count > 0)
        {
            TraceContextOnEvents.Stamp(session);
            stream.AppendMany(events);
        }
        return new Decision(events, (stream.StartingVersion ?? 0) + events.Count);
    }
}
