using System.Diagnostics;
using Marten;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// Carries the W3C trace context of the request (or message) that appends events in their
/// headers, so the relay can continue the same trace when it publishes them later, from the
/// daemon's thread. Marten copies session headers onto events as they are appended, so this
/// runs before the append (see <see cref="Decisions.DecideAsync{TState}"/>), not at commit.
/// </summary>
public static class TraceContextOnEvents
{
    public const string TraceParentHeader = "traceparent";

    public static void Stamp(IDocumentSession session)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
            session.SetHeader(TraceParentHeader, activity.Id!);
    }
}
