using FiveSocieties.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Scheduling;

/// <summary>
/// Work that falls due with time rather than with a message: referral deadlines, dispatch
/// timeouts, escalations, the morning's delivery plan. A sweep looks for what is due at
/// <c>now</c> and acts on it through the ordinary deciders, so it must be idempotent: a sweep
/// repeated after a crash, or two replicas sweeping at once in the moment a lease changes hands,
/// change nothing twice (the expected version of each stream makes the second writer lose).
/// Across replicas each kind of sweep runs in one only (<see cref="SweepLease"/>).
/// </summary>
public interface IPeriodicSweep
{
    Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public static class PeriodicSweepSetup
{
    /// <summary>
    /// Runs <typeparamref name="TSweep"/> (resolved in its own scope) every <paramref name="interval"/>
    /// of the registered <see cref="TimeProvider"/>'s time, in the one replica that holds its lease
    /// on the service's database (a process without an event store sweeps alone, without one);
    /// tests move a fake clock to make it run.
    /// </summary>
    public static IServiceCollection AddPeriodicSweep<TSweep>(this IServiceCollection services, TimeSpan interval)
        where TSweep : class, IPeriodicSweep
    {
        services.AddScoped<TSweep>();
        services.AddSingleton<IHostedService>(provider =>
        {
            var logger = provider.GetRequiredService<ILogger<PeriodicSweepRunner<TSweep>>>();
            var lease = provider.GetService<EventStoreDatabase>() is { } database
                ? new SweepLease(database.ConnectionString, $"sweep:{provider.GetService<EventStoreSettings>()?.Schema}:{typeof(TSweep).FullName}", logger)
                : null;
            return new PeriodicSweepRunner<TSweep>(provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<TimeProvider>(), logger, interval, lease);
        });
        return services;
    }
}

internal sealed class PeriodicSweepRunner<TSweep>(
    IServiceScopeFactory scopes, TimeProvider time, ILogger<PeriodicSweepRunner<TSweep>> logger, TimeSpan interval, SweepLease? lease)
    : BackgroundService where TSweep : class, IPeriodicSweep
{
    // Created at start, not in ExecuteAsync (which .NET 10 runs on a pool thread later), so the
    // clock's first interval counts from the moment the host started.
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(interval, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (lease is not null && !await lease.HoldAsync(stoppingToken))
                    {
                        logger.LogDebug("Sweep {Sweep} passed: another replica holds its lease", typeof(TSweep).Name);
                        continue;
                    }
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TSweep>().SweepAsync(time.GetUtcNow(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A failed sweep is retried at the next tick; what was due stays due.
                    logger.LogError(ex, "Sweep {Sweep} failed; it will run again in {Interval}", typeof(TSweep).Name, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Handed over at once, not when the process ends: a replica stopping for an upgrade frees
            // its sweeps. Here, in the loop's own flow, the lease's connection is never used by two at once.
            if (lease is not null) await lease.DisposeAsync();
        }
    }
}
