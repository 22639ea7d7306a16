using FiveSocieties.BuildingBlocks.Scheduling;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases;
using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Contracts.V1;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;
using CaseOpened = FiveSocieties.Cases.Cases.CaseOpened;
using NeedRaised = FiveSocieties.Cases.Cases.NeedRaised;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench cases: loads N cases (10 events each) into a fresh bench database with plain
/// Marten appends (no inline projections), rebuilds the Case projection (events/s), then starts
/// the built Cases service against that database and measures its read routes over HTTP, next to
/// the raw ceilings (a primary-key SELECT of the same document; GET /health/live).
/// </summary>
public sealed class CasesBenchCommand : AsyncCommand<CasesBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--cases <N>"), DefaultValue(100_000)]
        public int Cases { get; init; }

        [CommandOption("--station-cases <N>"), Description("cases per station (the measured station has this many)"), DefaultValue(5_000)]
        public int StationCases { get; init; }

        [CommandOption("--requests <N>"), Description("GET /cases/{id} and caseload requests each"), DefaultValue(2_000)]
        public int Requests { get; init; }

        [CommandOption("--skip-baseline"), Description("skip Marten's daemon replay of the Case projection (measured for comparison in the same run)")]
        public bool SkipBaseline { get; init; }

        [CommandOption("--reuse-store"), Description("keep the events of the last run's bench database when it holds as many cases (loading 1M events takes minutes)")]
        public bool ReuseStore { get; init; }

        [CommandOption("--configuration <C>"), DefaultValue("Release")]
        public string Configuration { get; init; } = "Release";

        [CommandOption("--port <P>"), DefaultValue(5191)]
        public int Port { get; init; }

        [CommandOption("--report <PATH>"), DefaultValue(".local/bench/cases.md")]
        public string Report { get; init; } = ".local/bench/cases.md";
    }

    private const string Database = "fivesoc_bench_cases";
    private const int EventsPerCase = 10;
    private const int CaseworkersPerStation = 50;
    private const int GridsPerStation = 20;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? LocalDefaults.Postgres;
        var report = new StringBuilder($"# Cases benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}\n\n");
        var events = (long)settings.Cases * EventsPerCase;
        double? loadRate = null;
        if (settings.ReuseStore && await StoredCaseCountAsync(postgres) == settings.Cases)
            AnsiConsole.MarkupLine($"reusing the {settings.Cases:N0} cases already in {Database}");
        else
            loadRate = await LoadAsync(postgres, settings, cancellationToken);

        // 2. Rebuild the Case projection (the inline snapshot every read route queries) from the events
        // alone: with Marten's defaults, then as the service configures it (the last one stays for step 3).
        // Next to them, the raw ceiling of the same run: reading every event body once, no projection.
        var rawEventRead = await RawEventReadRateAsync(postgres, cancellationToken);
        var defaultRate = settings.SkipBaseline ? (double?)null : await RebuildAsync(postgres, streamByStream: false, cancellationToken);
        var rebuildRate = await RebuildAsync(postgres, streamByStream: true, cancellationToken);
        var (measured, stationCases, caseworkers) = await MeasuredStationAsync(postgres, cancellationToken);

        // 3. The built service against the loaded store; the daemon off so the relay does not publish the whole history.
        var repo = MemoryBenchCommand.FindRepository();
        var dll = Path.Combine(repo, "services", "Cases", "bin", settings.Configuration, "net10.0", "FiveSocieties.Cases.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the Cases service first ({settings.Configuration})", dll);
        var process = Process.Start(new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll), // the content root, watched for config changes: not the repository (.local/ is busy)
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{settings.Port}", ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = postgres, ["EventStore__Database"] = Database, ["EventStore__Schema"] = "cases",
                ["EventStore__DaemonMode"] = "Disabled", ["Logging__LogLevel__Default"] = "Warning",
                // One bench user asks faster than a person could; the per-user limit is not what is measured.
                ["RateLimiting__PerUserPerSecond"] = "100000", ["RateLimiting__PerUserBurst"] = "100000",
            },
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var rows = new List<(string What, string Ours, string Ceiling, string Target, bool Met)>();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.Port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitReadyAsync(http, cancellationToken);
            var token = DevelopmentTokens.Mint(new AuthSettings(), Guid.NewGuid(), [Roles.Supervisor], measured, lifetime: TimeSpan.FromHours(2));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var random = new Random(7);

            var health = await LatenciesAsync(settings.Requests, _ => http.GetAsync("/health/live", cancellationToken), cancellationToken);
            var getCase = await LatenciesAsync(settings.Requests, _ => http.GetAsync($"/cases/{stationCases[random.Next(stationCases.Length)]}", cancellationToken), cancellationToken);
            var raw = await RawLatenciesAsync(postgres, settings.Requests,
                (command, random) =>
                {
                    command.CommandText = "select data from cases.mt_doc_case where id = $1";
                    command.Parameters.Add(new() { Value = stationCases[random.Next(stationCases.Length)] });
                }, cancellationToken);
            // The floor under the station views: one GROUP BY over the station's rows of the same table.
            var rawGroupBy = await RawLatenciesAsync(postgres, 30,
                (command, _) =>
                {
                    command.CommandText = "select client_group, count(*) from cases.mt_doc_case where station_id = $1 and status <> 'Closed' group by 1";
                    command.Parameters.Add(new() { Value = measured });
                }, cancellationToken);
            var caseload = await LatenciesAsync(settings.Requests,
                _ => http.GetAsync($"/caseworkers/{caseworkers[random.Next(caseworkers.Length)]}/caseload", cancellationToken), cancellationToken);
            var dashboard = await LatenciesAsync(30, _ => http.GetAsync($"/stations/{measured}/dashboard", cancellationToken), cancellationToken);
            var map = await LatenciesAsync(30, _ => http.GetAsync($"/stations/{measured}/situation-map", cancellationToken), cancellationToken);
            var geo = await LatenciesAsync(30, _ => http.GetAsync($"/stations/{measured}/situation-map?format=geojson", cancellationToken), cancellationToken);

            // The machine is shared and noisy: each figure stands next to a raw ceiling measured in the same run, and their ratio.
            var groupBy = $"raw GROUP BY {Ms(rawGroupBy, 50)} p50";
            rows.Add(("GET /cases/{id} p50 / p99", Ms(getCase, 50) + " / " + Ms(getCase, 99),
                $"SELECT by id {Ms(raw, 99)} p99 (×{Ratio(getCase, raw, 99)}); /health/live {Ms(health, 99)} p99", "p99 ≤ 20 ms", P(getCase, 99) <= 20));
            rows.Add(($"caseload ({settings.StationCases / CaseworkersPerStation:N0} cases) p50 / p99", Ms(caseload, 50) + " / " + Ms(caseload, 99),
                $"SELECT by id {Ms(raw, 99)} p99 (×{Ratio(caseload, raw, 99)}); /health/live {Ms(health, 99)} p99", "p99 ≤ 20 ms", P(caseload, 99) <= 20));
            rows.Add(($"dashboard ({settings.StationCases:N0} cases) p50 / max", Ms(dashboard, 50) + " / " + Ms(dashboard, 100),
                $"{groupBy} (×{Ratio(dashboard, rawGroupBy, 50)})", "≤ 200 ms", P(dashboard, 100) <= 200));
            rows.Add(("situation map JSON p50 / max", Ms(map, 50) + " / " + Ms(map, 100), $"{groupBy} (×{Ratio(map, rawGroupBy, 50)})", "≤ 200 ms", P(map, 100) <= 200));
            rows.Add(("situation map GeoJSON p50 / max", Ms(geo, 50) + " / " + Ms(geo, 100), $"{groupBy} (×{Ratio(geo, rawGroupBy, 50)})", "≤ 200 ms", P(geo, 100) <= 200));
            rows.Add(("projection rebuild (Case)", $"{rebuildRate:N0} events/s",
                (defaultRate is { } before ? $"Marten's daemon replay {before:N0} events/s (×{rebuildRate / before:F1}); " : "")
                + $"raw read of every event {rawEventRead:N0} events/s (×{rebuildRate / rawEventRead:F2})" + (loadRate is { } load ? $"; load by plain appends {load:N0} events/s" : ""),
                "≥ 20,000 events/s", rebuildRate >= 20_000));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var table = new Table().AddColumns("what", "ours", "raw ceiling", "target", "met");
        report.Append(FormattableString.Invariant(
            $"{settings.Cases:N0} cases, {events:N0} events, {settings.Cases / settings.StationCases} stations of {settings.StationCases:N0} cases, {CaseworkersPerStation} caseworkers and {GridsPerStation} grids per station; one client at a time over loopback HTTP against `dotnet FiveSocieties.Cases.dll` ({settings.Configuration}); PostgreSQL, the service and the bench share the machine's cores.\n\n"));
        report.Append(CultureInfo.InvariantCulture,
            $"Command: `fivesoc-bench cases --cases {settings.Cases} --station-cases {settings.StationCases} --requests {settings.Requests}` ({(loadRate is null ? "events reused from the last run" : "events loaded in this run")}); machine load average (1 min) at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores.\n\n");
        report.Append("| what | ours | raw ceiling | target | met |\n|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            table.AddRow(row.What, row.Ours, row.Ceiling, row.Target, row.Met ? "yes" : "NO");
            report.Append(CultureInfo.InvariantCulture, $"| {row.What} | {row.Ours} | {row.Ceiling} | {row.Target} | {(row.Met ? "yes" : "no")} |\n");
        }
        AnsiConsole.Write(table);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
        await File.WriteAllTextAsync(settings.Report, report.ToString(), cancellationToken);
        return rows.All(r => r.Met) ? 0 : 1;
    }

    /// <summary>Plain appends in parallel sessions, no projection work, into a fresh bench database; returns events/s.</summary>
    private static async Task<double> LoadAsync(string postgres, Settings settings, CancellationToken cancellationToken)
    {
        await RecreateDatabaseAsync(postgres);
        var stations = Enumerable.Range(0, Math.Max(1, settings.Cases / settings.StationCases)).Select(_ => Guid.CreateVersion7()).ToArray();
        var caseworkers = stations.ToDictionary(s => s, _ => Enumerable.Range(0, CaseworkersPerStation).Select(_ => Guid.CreateVersion7()).ToArray());
        var watch = Stopwatch.StartNew();
        using (var loader = Host(postgres, withProjections: false))
        {
            await loader.StartAsync(cancellationToken);
            var store = loader.Services.GetRequiredService<IDocumentStore>();
            var batches = Enumerable.Range(0, settings.Cases).Chunk(250);
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (batch, token) =>
                {
                    await using var session = store.LightweightSession();
                    foreach (var i in batch)
                    {
                        var station = stations[i % stations.Length];
                        var id = Guid.CreateVersion7();
                        session.Events.StartStream<Case>(id, CaseEvents(id, i, station, caseworkers[station][i / stations.Length % CaseworkersPerStation]));
                    }
                    await session.SaveChangesAsync(token);
                });
            await loader.StopAsync(cancellationToken);
        }
        var events = (long)settings.Cases * EventsPerCase;
        var rate = events / watch.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLine($"loaded {settings.Cases:N0} cases / {events:N0} events in {watch.Elapsed.TotalSeconds:F1} s ({rate:N0} events/s)");
        return rate;
    }

    private static async Task<long> StoredCaseCountAsync(string postgres)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from cases.mt_streams where type = 'case'", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException) { return 0; } // no such database or table: nothing to reuse
    }

    /// <summary>The station measured (the first by id; every station has the same number of cases), its cases and its caseworkers, from the rebuilt snapshots.</summary>
    private static async Task<(Guid Station, Guid[] Cases, Guid[] Caseworkers)> MeasuredStationAsync(string postgres, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select id, station_id, caseworker_id from cases.mt_doc_case where station_id = (select station_id from cases.mt_doc_case order by station_id limit 1)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<Guid>();
        var caseworkers = new HashSet<Guid>();
        var station = Guid.Empty;
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(reader.GetGuid(0));
            station = reader.GetGuid(1);
            caseworkers.Add(reader.GetGuid(2));
        }
        return (station, cases.ToArray(), caseworkers.ToArray());
    }

    /// <summary>Ten events of an ordinary case: opened, assessed, two needs, a plan adopted, three visits, a missed meal.</summary>
    private static object[] CaseEvents(Guid id, int i, Guid station, Guid caseworker)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-60 - i % 30);
        var grid = $"G-{i / 7 % GridsPerStation:D2}";
        var location = new CaseLocation("天镇县", "南河堡乡", grid);
        var position = new GeoPoint(Math.Round(40.40 + i % GridsPerStation / 100.0, 2), Math.Round(114.05 + i % 13 / 100.0, 2));
        var group = i % 4 == 0 ? ClientGroup.Child : ClientGroup.Elderly;
        IReadOnlyList<ClientCategory> categories = group == ClientGroup.Child ? [ClientCategory.LeftBehind] : [ClientCategory.EmptyNest, ClientCategory.LivesAlone];
        var plan = Guid.CreateVersion7();
        return
        [
            new CaseOpened(id, station, caseworker, group, categories, location, caseworker, at, null, position),
            new AssessmentRecorded(id, Guid.CreateVersion7(), LivingSituation.LivesAlone, ["hypertension"], [new Medication("amlodipine", "5 mg")],
                60 + i % 8 * 5, MentalState.Clear, SocialParticipation.Occasional, null, 2, i % 3 == 0 ? RiskLevel.High : RiskLevel.Medium, caseworker, at.AddDays(1)),
            new NeedRaised(id, Guid.CreateVersion7(), NeedCategory.MealDelivery, Urgency.Soon, Recurrence.Daily, 1, DateOnly.FromDateTime(at.UtcDateTime),
                null, station, caseworker, group, categories, location, caseworker, at.AddDays(1)),
            new NeedRaised(id, Guid.CreateVersion7(), NeedCategory.Companionship, Urgency.Routine, Recurrence.Weekly, 1, DateOnly.FromDateTime(at.UtcDateTime),
                null, station, caseworker, group, categories, location, caseworker, at.AddDays(1)),
            new ServicePlanProposed(id, plan, ["daily meals", "weekly companionship"], ["canteen referral"], VisitFrequency.Monthly,
                DateOnly.FromDateTime(at.UtcDateTime).AddMonths(6), caseworker, at.AddDays(2)),
            new ServicePlanAdopted(id, plan, caseworker, at.AddDays(3)),
            new VisitRecorded(id, Guid.CreateVersion7(), at.AddDays(10), "all well", false, caseworker, VisitorRole.Caseworker, at.AddDays(10)),
            new VisitRecorded(id, Guid.CreateVersion7(), at.AddDays(25), "all well", false, caseworker, VisitorRole.Caseworker, at.AddDays(25)),
            new VisitRecorded(id, Guid.CreateVersion7(), at.AddDays(40 + i % 25), "tired", i % 5 == 0, caseworker, VisitorRole.Caseworker, at.AddDays(40 + i % 25)),
            new DeliveryMissedReported(id, Guid.CreateVersion7(), null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-(i % 10))), MissReason.NoAnswerAtDoor,
                group == ClientGroup.Elderly && i % 10 == 0, DateTimeOffset.UtcNow.AddDays(-(i % 10))),
        ];
    }

    /// <summary>
    /// The Case snapshots rebuilt from the events alone: stream by stream as `fivesoc rebuild cases`
    /// does (<see cref="ProjectionRebuild"/>), or through Marten's daemon replay with its defaults.
    /// </summary>
    private static async Task<double> RebuildAsync(string postgres, bool streamByStream, CancellationToken cancellationToken)
    {
        using var service = Host(postgres, withProjections: true);
        await service.StartAsync(cancellationToken);
        var store = service.Services.GetRequiredService<IDocumentStore>();
        double rate;
        if (streamByStream)
        {
            var result = await store.RebuildSnapshotsAsync<Case>(cancellationToken: cancellationToken);
            rate = result.EventsPerSecond;
            AnsiConsole.MarkupLine($"rebuilt {result.Documents:N0} cases stream by stream from {result.Events:N0} events in {result.Elapsed.TotalSeconds:F1} s ({rate:N0} events/s)");
        }
        else
        {
            var events = await StoredEventCountAsync(store, cancellationToken);
            using var daemon = await store.BuildProjectionDaemonAsync();
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync<Case>(TimeSpan.FromMinutes(30), cancellationToken);
            rate = events / watch.Elapsed.TotalSeconds;
            AnsiConsole.MarkupLine($"rebuilt Case by Marten's daemon replay from {events:N0} events in {watch.Elapsed.TotalSeconds:F1} s ({rate:N0} events/s)");
        }
        await service.StopAsync(cancellationToken);
        return rate;
    }

    private static async Task<long> StoredEventCountAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.AdvancedSql.QueryAsync<long>("select count(*) from cases.mt_events", cancellationToken)).Single();
    }

    /// <summary>Every event body read once over Npgsql, in pages as the daemon reads them: what a rebuild cannot beat.</summary>
    private static async Task<double> RawEventReadRateAsync(string postgres, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        long read = 0, after = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand("select seq_id, data from cases.mt_events where seq_id > $1 order by seq_id limit 5000", connection)
            {
                Parameters = { new() { Value = after } },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var page = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                after = reader.GetInt64(0);
                _ = reader.GetString(1);
                page++;
            }
            read += page;
            if (page == 0) break;
        }
        var rate = read / watch.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLine($"read {read:N0} events raw at {rate:N0} events/s");
        return rate;
    }

    /// <summary>The Cases store as the service configures it (or without projections, for loading).</summary>
    private static IHost Host(string postgres, bool withProjections)
    {
        var builder = WorkerHost.CreateBuilder("cases", [
            new("ConnectionStrings:Postgres", postgres),
            new("EventStore:Database", Database),
            new("EventStore:Schema", "cases"),
            new("EventStore:DaemonMode", "Disabled"),
        ]);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddEventStore(store =>
        {
            if (!withProjections) return;
            store.AddCasesStore(LocalCalendar.For(LocalCalendar.DefaultTimeZone));
        });
        return builder.Build();
    }

    private static async Task<double[]> LatenciesAsync(int count, Func<int, Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Min(20, count); i++) (await call(i)).EnsureSuccessStatusCode(); // warm-up, not measured
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await call(i);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            result[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
        }
        Array.Sort(result);
        return result;
    }

    /// <summary>A raw ceiling: the same kind of query straight over Npgsql, no service, no HTTP.</summary>
    private static async Task<double[]> RawLatenciesAsync(
        string postgres, int count, Action<NpgsqlCommand, Random> prepare, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var random = new Random(11);
        var result = new double[count];
        for (var i = -Math.Min(5, count); i < count; i++) // the first few warm the cache, not measured
        {
            var started = Stopwatch.GetTimestamp();
            await using var command = new NpgsqlCommand { Connection = connection };
            prepare(command, random);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) { }
            if (i >= 0) result[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(result);
        return result;
    }

    private static string Ratio(double[] ours, double[] ceiling, int percentile) =>
        (P(ours, percentile) / Math.Max(P(ceiling, percentile), 0.001)).ToString("F1", CultureInfo.InvariantCulture);

    private static double P(double[] sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Ms(double[] sorted, int percentile) => P(sorted, percentile).ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private static async Task WaitReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health/live", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException("the Cases service did not come up within 120 s");
    }

    private static async Task RecreateDatabaseAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists {Database} with (force)", connection)) await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"create database {Database}", connection);
        await create.ExecuteNonQueryAsync();
    }
}
