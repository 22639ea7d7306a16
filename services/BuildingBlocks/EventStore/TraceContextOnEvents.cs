using System.Diagnostics;
using Marten;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// Stamps the W3C trace context of the request that appends events into their headers, so the
/// relay can continue the same trace when it publishes them later, from another thread.
/// </summary>
public sealed class TraceContextOnEvents : DocumentSessionListenerBase
{
    public const string TraceParentHeader = "traceparent";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } activity && session.PendingChanges.Streams().Count > 0)
            session.SetHeader(TraceParentHeader, activity.Id!);
        return Task.CompletedTask;
    }
}
