using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Messaging;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace FiveSocieties.BuildingBlocks.Hosting;

/// <summary>Ready when the service's own database answers.</summary>
internal sealed class PostgresHealthCheck(EventStoreDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"database {database.Name} does not answer", e);
        }
    }
}

/// <summary>
/// Ready when the async daemon runs here with no paused shard. Under HotCold another replica
/// may hold the leadership: then this one is a healthy standby.
/// </summary>
internal sealed class DaemonHealthCheck(IServiceProvider services, IDocumentStore store, EventStoreSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (settings.DaemonMode == DaemonMode.Disabled)
            return Task.FromResult(HealthCheckResult.Healthy("disabled here (e.g. a migration run)"));
        if (((StoreOptions)store.Options).Projections.AllShards().Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy("idle: no asynchronous projection or subscription here"));
        // Resolved here, not injected: with the daemon disabled there is no coordinator to inject.
        var daemon = services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        if (!daemon.IsRunning)
            return Task.FromResult(settings.DaemonMode == DaemonMode.HotCold
                ? HealthCheckResult.Healthy("standby: another replica leads the daemon")
                : HealthCheckResult.Unhealthy("the async daemon is not running"));
        if (daemon.HasAnyPaused())
        {
            // The relay pauses when the broker stops answering. Requests do not need the broker (the
            // event store is the outbox), so the replica stays ready: unready would only take every
            // replica out of the load balancer together while they could still take writes.
            var paused = daemon.CurrentAgents().Where(a => a.Status == AgentStatus.Paused).Select(a => a.Name.Name).ToList();
            return Task.FromResult(paused.Count > 0 && paused.All(name => name == IntegrationEventRelay.SubscriptionName)
                ? HealthCheckResult.Degraded("the relay is paused (is the broker reachable?); new events wait in the event store")
                : HealthCheckResult.Unhealthy("a projection is paused after errors"));
        }
        var lagging = daemon.CurrentAgents()
            .Select(a => new { a.Name, Lag = daemon.HighWaterMark() - a.Position })
            .ToDictionary(a => a.Name.Identity, a => (object)a.Lag);
        return Task.FromResult(HealthCheckResult.Healthy("running", lagging));
    }
}
