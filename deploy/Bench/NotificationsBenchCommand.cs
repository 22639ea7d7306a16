using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cli;
using FiveSocieties.Cli.Measuring;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Spectre.Console.Cli;
using Spectre.Console;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench notifications: the Notifications service as its own process (its own database
/// and RabbitMQ virtual host), N clients connected to GET /inbox/stream, source events published
/// on the bus at a steady rate; measures source-event-to-SSE latency (publish → the event read by
/// the client), the burst throughput (events → notifications created and pushed to SSE), and the
/// service's resident memory with all clients connected.
/// </summary>
public sealed class NotificationsBenchCommand : AsyncCommand<NotificationsBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--clients <N>"), Description("connected SSE clients, one recipient each"), DefaultValue(1000)]
        public int Clients { get; init; }

        [CommandOption("--rate <R>"), Description("source events (= notifications) per second in the latency phase"), DefaultValue(500)]
        public int Rate { get; init; }

        [CommandOption("--seconds <S>"), Description("duration of the latency phase"), DefaultValue(20)]
        public int Seconds { get; init; }

        [CommandOption("--warmup-seconds <S>"), Description("warm up at least this long, then until the bench's own JIT has gone quiet (at most a minute)"), DefaultValue(5)]
        public int WarmupSeconds { get; init; }

        [CommandOption("--burst <N>"), Description("events published at once for the throughput phase"), DefaultValue(5000)]
        public int Burst { get; init; }

        [CommandOption("--configuration <C>"), DefaultValue("Release")]
        public string Configuration { get; init; } = "Release";

        [CommandOption("--port <P>"), DefaultValue(5194)]
        public int Port { get; init; }

        [CommandOption("--report <PATH>"), DefaultValue(".local/bench/notifications.md")]
        public string Report { get; init; } = ".local/bench/notifications.md";

        [CommandOption("--samples <PATH>"), Description("also write the latency phase's events, one line each: published (Unix ms), latency (ms), publish → handled (ms)")]
        public string? Samples { get; init; }
    }

    private const string Database = "fivesoc_bench_notifications";
    private const string VirtualHost = "fivesoc-bench-notifications";

    /// <summary>When each source event was published and when its notification reached its client (Stopwatch ticks).</summary>
    private ConcurrentDictionary<Guid, long> _published = new();
    private ConcurrentDictionary<Guid, long> _arrived = new();

    /// <summary>Where the time goes: the wall clock at publish, the notification's createdAt (when the rule handled it), and at arrival.</summary>
    private ConcurrentDictionary<Guid, (DateTimeOffset Published, DateTimeOffset Created, DateTimeOffset Arrived)> _stages = new();

    /// <summary>
    /// Empty timings, sized for a phase's events up front: a dictionary growing takes all its locks
    /// and copies itself, in the middle of a phase, on the publisher's and the clients' path.
    /// </summary>
    private void ResetTimings(int events)
    {
        var capacity = events + events / 4;
        _published = new(Environment.ProcessorCount, capacity);
        _arrived = new(Environment.ProcessorCount, capacity);
        _stages = new(Environment.ProcessorCount, capacity);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? LocalDefaults.Postgres;
        var broker = new Uri(Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? LocalDefaults.RabbitMq);
        var management = RabbitManagement.Address;
        var repo = FindRepository();
        var dll = Path.Combine(repo, "services", "Notifications", "bin", settings.Configuration, "net10.0", "FiveSocieties.Notifications.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build services/Notifications first ({settings.Configuration})", dll);

        await DropDatabaseAsync(postgres);
        var vhostBroker = await RecreateVirtualHostAsync(management, broker);
        Process? service = null;
        IHost? publisher = null;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            service = StartService(dll, settings.Port, postgres, vhostBroker);
            var baseUri = new Uri($"http://127.0.0.1:{settings.Port}");
            await WaitReadyAsync(baseUri, cancellationToken);
            publisher = await StartPublisherAsync(vhostBroker);
            var bus = publisher.Services.GetRequiredService<IBus>();

            var loadBefore = LoadAverage();
            var recipients = Enumerable.Range(0, settings.Clients).Select(_ => Guid.NewGuid()).ToArray();
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
            AnsiConsole.MarkupLine($"connecting {settings.Clients} SSE clients …");
            var connected = 0;
            var readers = new List<Task>();
            foreach (var batch in recipients.Chunk(100))
            {
                var opened = await Task.WhenAll(batch.Select(r => ConnectAsync(http, r, cts.Token)));
                foreach (var stream in opened) readers.Add(ReadAsync(stream, cts.Token));
                connected += opened.Length;
            }
            AnsiConsole.MarkupLine($"{connected} connected; RSS {F(Megabytes(service.Id))} MB");

            // This machine's raw ceilings now, in this run (the machine is shared: figures are only comparable as ratios to these).
            var benchDb = new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString;
            var pgCommits = await Ceilings.PostgresCommitsPerSecond(benchDb, 16, TimeSpan.FromSeconds(3));
            var rabbit = await Ceilings.RabbitConfirmAndConsumePerSecond(vhostBroker, 5_000, inFlight: 64, bodyBytes: 900);
            AnsiConsole.MarkupLine($"raw ceilings: PostgreSQL {F(pgCommits)} commits/s, RabbitMQ {F(rabbit)} messages/s");

            // Warm-up (not measured), then the paced latency phase.
            var warmedUp = await WarmUpAsync(bus, recipients, settings, postgres, service.Id, cts.Token);
            await WaitForArrivalsAsync(TimeSpan.FromSeconds(30));
            ResetTimings(settings.Rate * settings.Seconds);
            AnsiConsole.MarkupLine($"latency phase: {settings.Rate}/s for {settings.Seconds} s …");
            var rssSamples = new List<double>();
            using var sampler = new Timer(_ => { lock (rssSamples) rssSamples.Add(Megabytes(service.Id)); }, null, 1000, 1000);
            var cpuBefore = MachineCpu.ProcessSeconds(service.Id);
            var createdBefore = await CountCreatedAsync(postgres);
            var machineBefore = MachineCpu.Now(service.Id);
            var (jitMethodsBefore, jitTimeBefore) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
            var latencyClock = Stopwatch.StartNew();
            var sent = await PublishPacedAsync(bus, recipients, settings.Rate, TimeSpan.FromSeconds(settings.Seconds), cts.Token);
            var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount() - jitMethodsBefore, JitInfo.GetCompilationTime() - jitTimeBefore);
            var complete = await WaitForArrivalsAsync(TimeSpan.FromSeconds(60));
            var cpuUsed = MachineCpu.ProcessSeconds(service.Id) - cpuBefore;
            var machine = machineBefore is null ? null : MachineCpu.Now(service.Id)?.Since(machineBefore);
            var latencyElapsed = latencyClock.Elapsed;
            var cpuShare = cpuUsed / latencyElapsed.TotalSeconds;
            // Per notification created (not per arrival): on a starved machine many are created but not yet pushed.
            var created = await CountCreatedAsync(postgres) - createdBefore;
            var cpuPerNotification = cpuUsed * 1000 / Math.Max(1, created);
            await sampler.DisposeAsync();
            var latencies = _published.Where(p => _arrived.ContainsKey(p.Key))
                .Select(p => Stopwatch.GetElapsedTime(p.Value, _arrived[p.Key]).TotalMilliseconds).Order().ToArray();
            var lost = sent - latencies.Length;
            var stages = _published.Keys.Where(_arrived.ContainsKey).Select(k => _stages[k]).ToArray();
            var toCreated = stages.Select(s => (s.Created - s.Published).TotalMilliseconds).Order().ToArray();
            var toStream = stages.Select(s => (s.Arrived - s.Created).TotalMilliseconds).Order().ToArray();
            var tail = TailEpisode(Percentiles.Of(latencies, 0.99));
            if (settings.Samples is { } samples) await WriteSamplesAsync(samples);

            // Burst: everything published at once; notifications created and pushed to SSE per second.
            ResetTimings(settings.Burst);
            AnsiConsole.MarkupLine($"burst phase: {settings.Burst} events at once …");
            var burstClock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, settings.Burst).Chunk(256).Select(async chunk =>
            {
                foreach (var i in chunk) await PublishOneAsync(bus, recipients[i % recipients.Length], cts.Token);
            }));
            var publishedIn = burstClock.Elapsed;
            await WaitForArrivalsAsync(TimeSpan.FromSeconds(180));
            var lastArrival = _arrived.Values.DefaultIfEmpty(0).Max();
            var burstElapsed = lastArrival == 0 ? burstClock.Elapsed : Stopwatch.GetElapsedTime(_published.Values.Min(), lastArrival);
            var burstRate = _arrived.Count / burstElapsed.TotalSeconds;
            var rss = Megabytes(service.Id);
            double peak;
            lock (rssSamples) peak = rssSamples.DefaultIfEmpty(rss).Max();

            // The latency floor of the same path at the same rate, the clients still connected: what the
            // machine allows at this moment. Measured last, so that its load cannot spill into the phases above.
            var (rawPath, rawMeasured) = await Ceilings.RawPathLatencies(vhostBroker, benchDb, settings.Rate, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
            AnsiConsole.MarkupLine($"raw path floor: p50 {F(Percentiles.Of(rawPath, 0.50))} ms, p99 {F(Percentiles.Of(rawPath, 0.99))} ms");

            var p50 = Percentiles.Of(latencies, 0.50);
            var p99 = Percentiles.Of(latencies, 0.99);
            (string Measure, string Value, string Target)[] rows =
            [
                ("SSE clients connected", connected.ToString(CultureInfo.InvariantCulture), settings.Clients.ToString(CultureInfo.InvariantCulture)),
                ("latency phase: events sent / reached SSE", $"{sent} / {latencies.Length}", "all"),
                ("source event → SSE p50 (ms)", F(p50), ""),
                ("source event → SSE p99 (ms)", F(p99), "≤ 100"),
                ("source event → SSE max (ms)", F(latencies.DefaultIfEmpty(0).Max()), ""),
                ("of which publish → rule handled it (createdAt) p50 / p99 (ms)", $"{F(Percentiles.Of(toCreated, 0.50))} / {F(Percentiles.Of(toCreated, 0.99))}", ""),
                ("of which handled → read from SSE (commit, hand-off to the streams, SSE) p50 / p99 (ms)", $"{F(Percentiles.Of(toStream, 0.50))} / {F(Percentiles.Of(toStream, 0.99))}", ""),
                ($"burst: {settings.Burst} events, notifications created + pushed to SSE per second", F(burstRate), ""),
                ("burst: publishing alone took (s)", publishedIn.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), ""),
                ("service RSS, clients connected, after the run (MB)", F(rss), "≤ 250"),
                ("service RSS peak during the latency phase (MB)", F(peak), "≤ 250"),
                ("service CPU per notification, latency phase (ms of CPU)", cpuPerNotification.ToString("F2", CultureInfo.InvariantCulture), ""),
                ("→ notifications/s the service could sustain on all cores, if it had them to itself",
                    F(Environment.ProcessorCount * 1000 / Math.Max(0.001, cpuPerNotification)), "≥ 500"),
                ("service CPU share during the latency phase (cores)", cpuShare.ToString("F2", CultureInfo.InvariantCulture),
                    $"{Environment.ProcessorCount} if it had the machine"),
                ("processor time per notification, latency phase, by process (ms)", machine?.PerItem(created) ?? "n/a (no /proc)", ""),
                ("machine processor time idle during the latency phase", machine is null ? "n/a (no /proc)"
                    : $"{machine.IdleShare.ToString("P0", CultureInfo.InvariantCulture)} ({(machine.Busy / latencyElapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture)} of {Environment.ProcessorCount} cores busy)", ""),
                ("slowest 1 %: how many were published within the same second", tail, ""),
                ("warm-up (s), until the bench's own compiler went quiet / the bench compiling during the latency phase",
                    $"{warmedUp.TotalSeconds:F0} / {jitMethods} methods, {jitTime.TotalMilliseconds:F0} ms", ""),
                ("raw ceiling, this run: PostgreSQL single-row commits/s (16 connections)", F(pgCommits), ""),
                ("raw ceiling, this run: RabbitMQ confirmed publish + consume, messages/s", F(rabbit), ""),
                ($"raw floor, this run: RabbitMQ → one commit + NOTIFY → LISTEN, {settings.Rate}/s, p50 / p99 (ms)",
                    $"{F(Percentiles.Of(rawPath, 0.50))} / {F(Percentiles.Of(rawPath, 0.99))}"
                    + (rawPath.Length == rawMeasured ? "" : $" ({rawMeasured - rawPath.Length} of {rawMeasured} never arrived)"), ""),
                ("source event → SSE p99 / raw floor p99", $"{(p99 / Percentiles.Of(rawPath, 0.99)).ToString("F1", CultureInfo.InvariantCulture)}×", ""),
                ("burst rate / RabbitMQ raw ceiling", (burstRate / rabbit).ToString("P0", CultureInfo.InvariantCulture), ""),
                ("machine load average (1 min) before / after", $"{loadBefore} / {LoadAverage()}", $"≤ {Environment.ProcessorCount} for meaningful figures"),
            ];
            var table = new Table().AddColumns("measure", "value", "target");
            foreach (var row in rows) table.AddRow(Markup.Escape(row.Measure), row.Value, Markup.Escape(row.Target));
            AnsiConsole.Write(table);

            var report = new StringBuilder();
            report.Append(CultureInfo.InvariantCulture, $"# Notifications benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}\n\n");
            report.Append(CultureInfo.InvariantCulture,
                $"`fivesoc-bench notifications --clients {settings.Clients} --rate {settings.Rate} --seconds {settings.Seconds} --burst {settings.Burst}` ");
            report.Append(CultureInfo.InvariantCulture,
                $"({settings.Configuration} build, {Environment.ProcessorCount} cores; the service runs as its own process, the clients and ");
            report.Append("the publisher share the bench process). Latency: from the publish of the source event (ReferralAccepted) on RabbitMQ to ")
                .Append("the client reading its SSE event (consume → inbox + notification stream commit → handed to the replica's streams as the commit returns → SSE).\n\n")
                .Append("| measure | value | target |\n|---|---|---|\n");
            foreach (var row in rows) report.Append(CultureInfo.InvariantCulture, $"| {row.Measure} | {row.Value} | {row.Target} |\n");
            report.Append(CultureInfo.InvariantCulture, $"\nNot delivered within the wait: {lost} (latency phase), {settings.Burst - _arrived.Count} (burst). Complete: {complete}.\n");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
            await File.WriteAllTextAsync(settings.Report, report.ToString(), cancellationToken);
            AnsiConsole.MarkupLine($"report: {settings.Report}");
            return p99 <= 100 && rss <= 250 && lost == 0 ? 0 : 1;
        }
        finally
        {
            await cts.CancelAsync();
            if (publisher is not null)
            {
                await publisher.StopAsync(CancellationToken.None);
                if (publisher is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            if (service is { HasExited: false })
            {
                service.Kill(entireProcessTree: true);
                await service.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The same load as the latency phase, and the same bookkeeping around it, for at least
    /// <c>--warmup-seconds</c> and then until the bench's own just-in-time compiler has gone quiet
    /// (at most a minute). The bench shares the machine with what it measures: on 2 cores, its
    /// compiling the code it first runs at the start of the phase (counting, reading /proc) and
    /// promoting what became hot stalled the whole path for the phase's first second — an episode
    /// of the bench, not of the service.
    /// </summary>
    private async Task<TimeSpan> WarmUpAsync(IBus bus, Guid[] recipients, Settings settings, string postgres, int service, CancellationToken ct)
    {
        const int QuietMethodsPerSecond = 5;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            // What the phase does around its load, done here first: the compiler meets it now.
            _ = await CountCreatedAsync(postgres);
            _ = MachineCpu.Now(service);
            _ = MachineCpu.ProcessSeconds(service);
            _ = Megabytes(service);
            await PublishPacedAsync(bus, recipients, settings.Rate, TimeSpan.FromSeconds(1), ct);
            var quiet = JitInfo.GetCompiledMethodCount() - compiled <= QuietMethodsPerSecond;
            if ((clock.Elapsed.TotalSeconds >= settings.WarmupSeconds && quiet) || clock.Elapsed > TimeSpan.FromMinutes(1)) return clock.Elapsed;
        }
    }

    private Task<int> PublishPacedAsync(IBus bus, Guid[] recipients, int rate, TimeSpan duration, CancellationToken ct) =>
        Pacing.SendAsync(rate, duration, (i, _) => PublishOneAsync(bus, recipients[i % recipients.Length], ct), ct);

    private async Task PublishOneAsync(IBus bus, Guid caseworker, CancellationToken ct)
    {
        var referral = Guid.NewGuid();
        var message = new V1.ReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, referral, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            caseworker, Guid.NewGuid(), Guid.NewGuid(), "平城区长者食堂", V1.NeedCategory.MealDelivery, null, null);
        _published[referral] = Stopwatch.GetTimestamp();
        _stages[referral] = (message.OccurredAt, default, default);
        await bus.Publish(message, context => context.MessageId = message.EventId, ct);
    }

    /// <summary>
    /// Whether the slowest 1 % came in one episode or spread out: how many of them were published
    /// within the same second, and when that second was. A tail that is one episode is a stall of
    /// the whole path (a pause, a starved machine), not the typical path's cost.
    /// </summary>
    private string TailEpisode(double p99)
    {
        var arrived = _published.Where(p => _arrived.ContainsKey(p.Key)).ToList();
        if (arrived.Count == 0) return "n/a";
        var start = arrived.Min(p => p.Value);
        var slow = arrived.Where(p => Stopwatch.GetElapsedTime(p.Value, _arrived[p.Key]).TotalMilliseconds >= p99).ToList();
        var worst = slow.GroupBy(p => (int)Stopwatch.GetElapsedTime(start, p.Value).TotalSeconds).MaxBy(g => g.Count());
        return worst is null ? "n/a"
            : $"{worst.Count()} of {slow.Count} (in second {worst.Key + 1} of the phase)";
    }

    private async Task WriteSamplesAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllLinesAsync(path, _published.Where(p => _arrived.ContainsKey(p.Key)).OrderBy(p => p.Value).Select(p =>
        {
            var stages = _stages[p.Key];
            return string.Create(CultureInfo.InvariantCulture,
                $"{stages.Published.ToUnixTimeMilliseconds()} {Stopwatch.GetElapsedTime(p.Value, _arrived[p.Key]).TotalMilliseconds:F1} {(stages.Created - stages.Published).TotalMilliseconds:F1}");
        }));
    }

    private async Task<bool> WaitForArrivalsAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_published.Keys.All(_arrived.ContainsKey)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<Stream> ConnectAsync(HttpClient http, Guid recipient, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(new AuthSettings(), recipient, [Roles.Caseworker], lifetime: TimeSpan.FromHours(2)));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync(ct);
    }

    private async Task ReadAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            await InboxStreamReader.ReadAsync(stream, (item, now) =>
            {
                // Only this phase's events: late arrivals of an earlier phase do not count.
                if (item.GetProperty("parameters").TryGetProperty("referralId", out var id) && _published.ContainsKey(id.GetGuid())
                    && _arrived.TryAdd(id.GetGuid(), now) && _stages.TryGetValue(id.GetGuid(), out var stage))
                    _stages[id.GetGuid()] = stage with { Created = item.GetProperty("createdAt").GetDateTimeOffset(), Arrived = DateTimeOffset.UtcNow };
            }, null, ct);
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    private static Process StartService(string dll, int port, string postgres, Uri broker)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll), // the content root, watched for config changes: not the repository (.local/ is busy)
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = postgres,
                ["ConnectionStrings__RabbitMq"] = broker.ToString(),
                ["EventStore__Database"] = Database,
                ["EventStore__DaemonMode"] = "Solo",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.Ordinal)) Console.Error.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<IHost> StartPublisherAsync(Uri broker)
    {
        var builder = WorkerHost.CreateBuilder("bench-notifications-source", [new("ConnectionStrings:RabbitMq", broker.ToString())]);
        builder.AddMessaging(_ => { });
        var host = builder.Build();
        await host.StartAndWaitForBusAsync();
        return host;
    }

    private static async Task WaitReadyAsync(Uri service, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                using var response = await http.GetAsync("/health/ready", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException("the Notifications service did not become ready");
    }

    private static async Task<long> CountCreatedAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from notifications.mt_events where type = 'notification_created'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task DropDatabaseAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Database} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A virtual host of its own, so the bench's events reach no other service and leave nothing behind in theirs.</summary>
    private static async Task<Uri> RecreateVirtualHostAsync(Uri management, Uri broker)
    {
        using var http = RabbitManagement.Client(management, broker);
        var user = Uri.UnescapeDataString(broker.UserInfo);
        await http.DeleteAsync($"api/vhosts/{VirtualHost}");
        (await http.PutAsync($"api/vhosts/{VirtualHost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{VirtualHost}/{user.Split(':')[0]}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new UriBuilder(broker) { Path = "/" + VirtualHost }.Uri;
    }

    /// <summary>User + system CPU time of a process so far (/proc/pid/stat, clock ticks of 1/100 s).</summary>

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];


    private static double Megabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static string F(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FiveSocieties.sln"))) return dir.FullName;
        throw new InvalidOperationException("run fivesoc-bench from inside the repository");
    }
}
