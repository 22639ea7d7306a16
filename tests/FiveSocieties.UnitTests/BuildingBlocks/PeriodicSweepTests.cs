using System.Collections.Concurrent;
using FiveSocieties.BuildingBlocks.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FiveSocieties.UnitTests.BuildingBlocks;

public sealed class PeriodicSweepTests
{
    private sealed class RecordingSweep(ConcurrentQueue<DateTimeOffset> runs) : IPeriodicSweep
    {
        public Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            runs.Enqueue(now);
            if (runs.Count == 2) throw new InvalidOperationException("a failing sweep must not stop the next one");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_sweep_runs_once_per_interval_of_the_injected_clock_and_survives_its_own_failure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));
        var runs = new ConcurrentQueue<DateTimeOffset>();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(runs)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddPeriodicSweep<RecordingSweep>(TimeSpan.FromMinutes(1))
            .BuildServiceProvider();
        var runner = services.GetServices<IHostedService>().Single();
        await runner.StartAsync(CancellationToken.None);

        runs.ShouldBeEmpty(); // nothing before the first interval has passed
        for (var minute = 1; minute <= 3; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await WaitUntil(() => runs.Count == minute);
        }

        await runner.StopAsync(CancellationToken.None);
        runs.Select(r => r.Minute).ShouldBe([1, 2, 3]);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(5, timeout.Token);
    }
}
