using JasperFx.Events.Daemon;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>Where and how a service keeps its event store; bound from the "EventStore" section.</summary>
public sealed class EventStoreSettings
{
    /// <summary>The service's own database (created at start when missing).</summary>
    public string Database { get; set; } = "";

    /// <summary>Schema for events and documents; tests give each test class its own.</summary>
    public string Schema { get; set; } = "";

    /// <summary>HotCold elects one daemon leader across replicas; tests run Solo.</summary>
    public DaemonMode DaemonMode { get; set; } = DaemonMode.HotCold;

    /// <summary>
    /// How often the daemon looks for events appended by another replica (appends from this
    /// process wake it at once, see <see cref="AppendSignal"/>).
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Under load, the shortest time between two looks for new events (see <see cref="AppendSignal"/>):
    /// the price in latency of bigger, cheaper pages. A quiet store is looked at as soon as a commit lands.
    /// </summary>
    public TimeSpan BusyWakeInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Create or update tables at start. Production applies migrations at deploy instead.</summary>
    public bool CreateSchemaAtStart { get; set; } = true;

    /// <summary>How a replica follows the store for state it keeps in memory (see <see cref="EventFeed"/>).</summary>
    public EventFeedOptions Feed { get; set; } = new();
}
