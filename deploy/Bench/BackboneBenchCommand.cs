using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Cli.Measuring;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Spectre.Console.Cli;
using Spectre.Console;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench backbone: single-event appends through Marten and the relay (commit → consumed
/// by another service's inbox), each next to the raw ceiling measured in the same run.
/// </summary>
public sealed class BackboneBenchCommand : AsyncCommand<BackboneBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--clients <N>"), Description("concurrent writers for the append and raw INSERT phases"), DefaultValue(16)]
        public int Clients { get; init; }

        [CommandOption("--seconds <S>"), Description("duration of each throughput phase"), DefaultValue(10)]
        public int Seconds { get; init; }

        [CommandOption("--rabbit-messages <N>"), DefaultValue(20000)]
        public int RabbitMessages { get; init; }

        [CommandOption("--rate <R>"), Description("events per second in the latency phase"), DefaultValue(1000)]
        public int Rate { get; init; }

        [CommandOption("--latency-seconds <S>"), DefaultValue(15)]
        public int LatencySeconds { get; init; }

        [CommandOption("--warmup-seconds <S>"), Description("paced appends before the latency phase, not measured"), DefaultValue(5)]
        public int WarmupSeconds { get; init; }

        [CommandOption("--consumer <KIND>"), Description("inbox: the other service commits an inbox record and an event per message, a transaction each; group: the same work by the group-commit inbox; plain: no database work"), DefaultValue("inbox")]
        public string Consumer { get; init; } = "inbox";

        [CommandOption("--report <PATH>"), Description("where to write the Markdown report"), DefaultValue(".local/bench/backbone.md")]
        public string Report { get; init; } = ".local/bench/backbone.md";

        public override ValidationResult Validate() => BenchHosts.ConsumerKinds.Contains(Consumer)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--consumer must be one of {string.Join(", ", BenchHosts.ConsumerKinds)} (was '{Consumer}')");
    }

    private sealed record Row(string What, string Ours, string Ceiling, string Ratio, string Target);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? LocalDefaults.Postgres;
        var broker = new Uri(Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? LocalDefaults.RabbitMq);
        var benchDb = new NpgsqlConnectionStringBuilder(postgres) { Database = BenchHosts.Database }.ConnectionString;
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var rows = new List<Row>();
        await RecreateDatabaseAsync(postgres);
        await Ceilings.DeleteSinkQueuesAsync(broker);

        // 1. Raw PostgreSQL: single-row INSERT commits.
        var rawCommits = await Phase("raw PostgreSQL single-row INSERT commits", () =>
            Ceilings.PostgresCommitsPerSecond(benchDb, settings.Clients, duration));

        // 2. Marten single-event appends, same clients, the relay not yet running.
        var sinkLog = new ArrivalLog();
        using var source = BenchHosts.Source([]);
        using var sink = BenchHosts.Sink(sinkLog, settings.Consumer, []);
        var store = source.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var appended = 0;
        var appends = await Phase("Marten single-event appends", async () =>
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(async _ =>
            {
                while (clock.Elapsed < duration)
                {
                    var number = Interlocked.Increment(ref appended);
                    await AppendAsync(store, Guid.NewGuid(), number);
                }
            }));
            return appended / clock.Elapsed.TotalSeconds;
        });
        rows.Add(new("single-event append (events/s)", F(appends), F(rawCommits) + " INSERT commits/s",
            Pct(appends / rawCommits), "≥ 50%"));

        // 3. Raw RabbitMQ: publish with confirm + consume.
        var rawRabbit = await Phase("raw RabbitMQ publish-confirm + consume", () =>
            Ceilings.RabbitConfirmAndConsumePerSecond(broker, settings.RabbitMessages, inFlight: 64, bodyBytes: 900));

        // 4. The relay catching up on everything appended in phase 2, consumed by another service's inbox.
        await sink.StartAndWaitForBusAsync();
        var relay = await Phase($"relay catch-up of {appended:N0} events to another service", async () =>
        {
            var clock = Stopwatch.StartNew();
            await source.StartAndWaitForBusAsync();
            while (sinkLog.Arrivals.Count < appended) // stream ids are new in every run: only this run's events count
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"relay stalled at {sinkLog.Arrivals.Count}");
                await Task.Delay(5);
            }
            return appended / clock.Elapsed.TotalSeconds;
        });
        rows.Add(new($"relay: commit → consumed in another service ({settings.Consumer} consumer, events/s)", F(relay), F(rawRabbit) + " msgs/s",
            Pct(relay / rawRabbit), "≥ 50%"));

        // 5. Latency at a steady rate: commit (SaveChanges returned) → handled by the other service.
        // As many appends in flight as writers in phase 2 (a service bounds its concurrency the same way);
        // a warm-up first, so the JIT's first minutes are not what is measured.
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
        await PacedAppendsAsync(store, settings.Rate, settings.WarmupSeconds, settings.Clients, null);
        var latencies = await Phase($"relay latency at {settings.Rate}/s for {settings.LatencySeconds}s", async () =>
        {
            var achieved = await PacedAppendsAsync(store, settings.Rate, settings.LatencySeconds, settings.Clients, committed);
            var deadline = Stopwatch.StartNew();
            while (committed.Keys.Any(k => !sinkLog.Arrivals.ContainsKey(k)) && deadline.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(20);
            var samples = committed
                .Select(c => sinkLog.Arrivals.TryGetValue(c.Key, out var arrived) ? Math.Max(0, Stopwatch.GetElapsedTime(c.Value, arrived).TotalMilliseconds) : double.NaN)
                .Where(ms => !double.IsNaN(ms)).Order().ToArray();
            return (Achieved: achieved, Samples: samples, Lost: committed.Count - samples.Length);
        });
        var p50 = Percentiles.Of(latencies.Samples, 0.50);
        var p99 = Percentiles.Of(latencies.Samples, 0.99);
        rows.Add(new($"relay latency at {latencies.Achieved:F0} events/s (ms)",
            $"p50 {p50:F1}, p99 {p99:F1}, max {latencies.Samples.LastOrDefault():F1}", "—", "—", "p99 ≤ 50 ms"));
        if (latencies.Lost > 0) rows.Add(new("events not delivered within 2 min", latencies.Lost.ToString(), "—", "—", "0"));

        await source.StopAsync();
        await sink.StopAsync();
        Print(rows);
        await WriteReportAsync(settings, rows);
        return latencies.Lost == 0 ? 0 : 1;
    }

    /// <summary>Appends at a fixed rate (open loop, at most <paramref name="inFlight"/> at once); returns the rate achieved.</summary>
    private static async Task<double> PacedAppendsAsync(IDocumentStore store, int rate, int seconds, int inFlight,
        System.Collections.Concurrent.ConcurrentDictionary<Guid, long>? committed)
    {
        var total = rate * seconds;
        using var slots = new SemaphoreSlim(inFlight);
        var start = Stopwatch.GetTimestamp();
        var appends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            await slots.WaitAsync();
            appends.Add(AppendOne(Guid.NewGuid(), i));
        }
        await Task.WhenAll(appends);
        return total / Stopwatch.GetElapsedTime(start).TotalSeconds;

        async Task AppendOne(Guid id, int number)
        {
            try
            {
                await AppendAsync(store, id, number);
                if (committed is not null) committed[id] = Stopwatch.GetTimestamp();
            }
            finally { slots.Release(); }
        }
    }

    private static async Task AppendAsync(IDocumentStore store, Guid streamId, int number)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(streamId, new BenchEventAppended(streamId, number));
        await session.SaveChangesAsync();
    }

    private static async Task<T> Phase<T>(string name, Func<Task<T>> run)
    {
        AnsiConsole.MarkupLine($"[grey]…[/] {Markup.Escape(name)}");
        var result = await run();
        AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(name)}: {Markup.Escape(Describe(result))}");
        return result;
    }

    private static string Describe(object? result) => result switch
    {
        double d => F(d) + "/s",
        _ => "done",
    };

    private static async Task RecreateDatabaseAsync(string postgres)
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {BenchHosts.Database} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"create database {BenchHosts.Database}", connection);
        await create.ExecuteNonQueryAsync();
    }


    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(double ratio) => (ratio * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static void Print(IEnumerable<Row> rows)
    {
        var table = new Table().AddColumns("measure", "ours", "raw ceiling (same run)", "ratio", "target");
        foreach (var row in rows) table.AddRow(Markup.Escape(row.What), row.Ours, row.Ceiling, row.Ratio, row.Target);
        AnsiConsole.Write(table);
    }

    private static async Task WriteReportAsync(Settings settings, IEnumerable<Row> rows)
    {
        var text = new StringBuilder()
            .AppendLine($"# Backbone benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}")
            .AppendLine()
            .AppendLine($"Machine: {Environment.ProcessorCount} cores; clients {settings.Clients}; phases of {settings.Seconds} s; " +
                        $"latency phase {settings.Rate}/s for {settings.LatencySeconds} s after {settings.WarmupSeconds} s of warm-up; " +
                        $"consumer: {settings.Consumer}; command: `fivesoc-bench backbone {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}`.")
            .AppendLine()
            .AppendLine("| measure | ours | raw ceiling (same run) | ratio | target |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var row in rows) text.AppendLine($"| {row.What} | {row.Ours} | {row.Ceiling} | {row.Ratio} | {row.Target} |");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
        await File.WriteAllTextAsync(settings.Report, text.ToString());
        AnsiConsole.MarkupLine($"report: {Markup.Escape(settings.Report)}");
    }
}
