using JasperFx.Events;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// A service's outgoing map: which of its private domain events become public integration
/// events (contracts/), and what they carry. Everything not mapped stays inside the service.
/// </summary>
public interface IIntegrationEventMapper
{
    /// <summary>The domain event types the relay reads; the daemon skips all others.</summary>
    IReadOnlyCollection<Type> RelayedEventTypes { get; }

    /// <summary>The integration event for a committed domain event, or null when it stays private.</summary>
    object? Map(IEvent @event);

    /// <summary>
    /// The same, for a mapper that must read something first (e.g. open sealed personal fields
    /// for the one contract that may carry them). The relay calls this one.
    /// </summary>
    ValueTask<object?> MapAsync(IEvent @event, CancellationToken cancellationToken) => ValueTask.FromResult(Map(@event));
}
