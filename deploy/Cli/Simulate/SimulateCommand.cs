using System.ComponentModel;
using System.Globalization;
using FiveSocieties.Cli.Seed;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli.Simulate;

/// <summary>fivesoc simulate: days of station life in the demo city, against the running services (deploy/run.sh).</summary>
public sealed class SimulateCommand : AsyncCommand<SimulateCommand.Settings>
{
    public sealed class Settings : SeedCommand.Settings
    {
        [CommandOption("--days <N>"), DefaultValue(7), Description("how many days to simulate")]
        public int Days { get; init; } = 7;

        [CommandOption("--start <DATE>"), DefaultValue("2026-12-01"), Description("the first simulated day (yyyy-MM-dd); must not be in the past")]
        public string Start { get; init; } = "2026-12-01";

        [CommandOption("--needs-per-day <N>"), Description("new needs raised per day (default: one per hundred households)")]
        public int? NeedsPerDay { get; init; }

        [CommandOption("--await-escalations <SECONDS>"), DefaultValue(0),
         Description("after the last day, wait up to this long for unacknowledged alerts to escalate (Notifications escalates on its own clock)")]
        public int AwaitEscalations { get; init; }

        [CommandOption("--follow-alarms"),
         Description("end each day by following the missed-meal alarms up their escalation chain in real time (supervisors, then district " +
                     "officers acknowledge); run the services with a short chain, e.g. Notifications__Escalation__Chains__0__Levels__0__After=00:00:20")]
        public bool FollowAlarms { get; init; }

        [CommandOption("--out <DIR>"), DefaultValue(".local/simulate"), Description("where the Markdown report and the charts go")]
        public string Out { get; init; } = ".local/simulate";

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } city ? city
            : Days is < 1 or > 366 ? ValidationResult.Error("--days must be between 1 and 366")
            : !DateOnly.TryParseExact(Start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? ValidationResult.Error("--start must be a date, yyyy-MM-dd")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var city = DemoCityGenerator.Generate(settings.Households, settings.Seed);
        // Every person keeps an inbox stream open, and the calls come on top.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var clients = ServiceClients.For(settings.Host, handler, TimeSpan.FromHours(12));
        if (!await CitySimulation.IsSeededAsync(clients, city, cancellationToken))
        {
            AnsiConsole.MarkupLine($"[bold]seeding[/] the {settings.Households:N0}-household city first");
            var seeded = await new SeedCommand().ExecuteAsync(context, settings, cancellationToken);
            if (seeded != 0) return seeded;
        }

        var options = new SimulationOptions
        {
            Days = settings.Days, Start = DateOnly.ParseExact(settings.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture), Seed = settings.Seed,
            NeedsPerDay = settings.NeedsPerDay,
        };
        // The services keep real time: following the chain means waiting until its next level is due.
        Func<DateTimeOffset, CancellationToken, Task>? follow = settings.FollowAlarms
            ? (until, ct) => until > DateTimeOffset.UtcNow ? Task.Delay(until - DateTimeOffset.UtcNow, ct) : Task.CompletedTask
            : null;
        await using var simulation = new CitySimulation(clients, city, new SimulationPlan(city, options), settings.Parallel, follow);
        AnsiConsole.MarkupLine($"[bold]simulating[/] {options.Days} days from {options.Start:yyyy-MM-dd} (inbox streams open for everyone first)");
        var run = simulation.RunAsync(cancellationToken: cancellationToken);
        await AnsiConsole.Live(new Text("")).StartAsync(async live =>
        {
            // The tallies move while the day runs: redraw them until it is over.
            while (true)
            {
                live.UpdateTarget(ProgressTable(simulation));
                if (run.IsCompleted) break;
                await Task.WhenAny(run, Task.Delay(500, cancellationToken));
            }
        });
        await run;

        var result = await simulation.ResultAsync(cancellationToken);
        // Escalation is Notifications' timer, not ours: read back until every unacknowledged alert went up, or the time given is over.
        var escalationsUntil = DateTime.UtcNow.AddSeconds(settings.AwaitEscalations);
        while (result.Services.AlertsAwaitingEscalation > 0 && DateTime.UtcNow < escalationsUntil)
        {
            AnsiConsole.MarkupLine($"waiting for {result.Services.AlertsAwaitingEscalation} unacknowledged alerts to escalate " +
                $"(Notifications escalates after {result.Services.EscalateAfter?.TotalMinutes:0.#} min)");
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            result = await simulation.ResultAsync(cancellationToken);
        }
        var command = $"fivesoc simulate --days {settings.Days} --households {settings.Households} --seed {settings.Seed} --start {settings.Start}"
            + (settings.NeedsPerDay is { } n ? $" --needs-per-day {n}" : "")
            + (settings.AwaitEscalations > 0 ? $" --await-escalations {settings.AwaitEscalations}" : "")
            + (settings.FollowAlarms ? " --follow-alarms" : "");
        var report = await SimulationReport.WriteAsync(result, settings.Out, command, cancellationToken);
        AnsiConsole.WriteLine(report.Markdown);
        AnsiConsole.MarkupLine($"report: [bold]{report.MarkdownPath}[/], charts: [bold]{report.DeliveriesChart}[/], [bold]{report.LatencyChart}[/]");
        return 0;
    }

    private static Table ProgressTable(CitySimulation simulation)
    {
        var table = new Table().AddColumns("day", "date", "now", "needs raised / matched", "referrals approved / accepted",
            "meals planned / done / missed / failed", "alerts / acknowledged");
        foreach (var d in simulation.Days)
            table.AddRow($"{d.Day + 1}", $"{d.Date:yyyy-MM-dd}", d.Phase, $"{d.NeedsRaised} / {d.NeedsMatched}",
                $"{d.ReferralsApproved} / {d.ReferralsAccepted}",
                $"{d.DeliveriesPlanned} / {d.DeliveriesCompleted} / {d.DeliveriesMissed} / {d.DeliveriesFailed}", $"{d.AlertsRaised} / {d.AlertsAcknowledged}");
        if (simulation.Days.Count == 0) table.AddRow("", "", $"opening inbox streams ({simulation.ListenersConnected})", "", "", "", "");
        return table;
    }
}
