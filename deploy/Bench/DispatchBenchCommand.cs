using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FiveSocieties.Volunteers.Deliveries.Dispatching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench dispatch: the dispatch planner on a generated day (default 5,000 deliveries,
/// 500 volunteers, 10 stations around Datong): its time, how many deliveries it assigned, and its
/// total travel next to OR-Tools' routing solver on the same instance.
/// </summary>
public sealed class DispatchBenchCommand : AsyncCommand<DispatchBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--deliveries <N>"), DefaultValue(5000)]
        public int Deliveries { get; init; }

        [CommandOption("--volunteers <N>"), DefaultValue(500)]
        public int Volunteers { get; init; }

        [CommandOption("--stations <N>"), DefaultValue(10)]
        public int Stations { get; init; }

        [CommandOption("--seed <N>"), DefaultValue(20261129)]
        public int Seed { get; init; }

        [CommandOption("--planner-seconds <S>"), Description("the planner's time budget (its local search stops there)"), DefaultValue(8.0)]
        public double PlannerSeconds { get; init; }

        [CommandOption("--ortools-seconds <S>"), Description("OR-Tools' time limit per station (guided local search); 0 skips it"), DefaultValue(30.0)]
        public double OrToolsSeconds { get; init; }

        [CommandOption("--report <PATH>"), DefaultValue(".local/bench/dispatch.md")]
        public string Report { get; init; } = ".local/bench/dispatch.md";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var instance = DispatchBenchInstance.Generate(settings.Deliveries, settings.Volunteers, settings.Stations, settings.Seed);
        AnsiConsole.MarkupLine($"instance: {instance.Tasks.Count} deliveries, {instance.Volunteers.Count} volunteers, {instance.Stations.Count} stations, seed {settings.Seed}");

        DispatchPlanner.Plan(instance.Tasks.Take(50).ToList(), instance.Volunteers.Take(10).ToList()); // JIT warm-up
        var clock = Stopwatch.StartNew();
        var plan = DispatchPlanner.Plan(instance.Tasks, instance.Volunteers, new PlannerOptions(TimeSpan.FromSeconds(settings.PlannerSeconds), MaxPasses: 1000));
        var plannerTime = clock.Elapsed;
        var assigned = plan.Routes.Sum(r => r.Stops.Count);
        var homes = instance.Volunteers.ToDictionary(v => v.Id, v => v.Home);
        var homeLegs = plan.Routes.Sum(r => homes[r.VolunteerId].KilometresTo(r.PickUp!.Value));
        AnsiConsole.MarkupLine($"planner: {plannerTime.TotalSeconds:F2} s, {assigned} assigned, {plan.Unassignable.Count} reported unassignable, {plan.TotalKilometres:F1} km ({plan.Routes.Count} routes, home → canteen {homeLegs:F1} km)");

        OrToolsResult? orTools = null;
        if (settings.OrToolsSeconds > 0)
        {
            orTools = DispatchBenchOrTools.Solve(instance, TimeSpan.FromSeconds(settings.OrToolsSeconds));
            AnsiConsole.MarkupLine($"OR-Tools: {orTools.Elapsed.TotalSeconds:F1} s, {orTools.Assigned} assigned, {orTools.Kilometres:F1} km ({orTools.Routes} routes, home → canteen {orTools.HomeToCanteenKilometres:F1} km)");
        }

        var ratio = orTools is null ? double.NaN : plan.TotalKilometres / orTools.Kilometres;
        var command = $"fivesoc-bench dispatch {string.Join(' ', context.Arguments.Skip(1))}".Trim();
        var text = new StringBuilder()
            .AppendLine($"# Dispatch benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}")
            .AppendLine()
            .AppendLine($"Machine: {Environment.ProcessorCount} cores. Instance: {instance.Tasks.Count} deliveries, {instance.Volunteers.Count} volunteers, " +
                        $"{instance.Stations.Count} stations around Datong, seed {settings.Seed}. Command: `{command}`.")
            .AppendLine()
            .AppendLine("| measure | planner | OR-Tools (GLS, same instance) | target |")
            .AppendLine("|---|---|---|---|")
            .AppendLine($"| time | {plannerTime.TotalSeconds:F2} s | {(orTools is null ? "—" : $"{orTools.Elapsed.TotalSeconds:F1} s ({settings.OrToolsSeconds:F0} s per station)")} | ≤ 10 s |")
            .AppendLine($"| deliveries assigned | {assigned} (+{plan.Unassignable.Count} reported unassignable) | {orTools?.Assigned.ToString(CultureInfo.InvariantCulture) ?? "—"} | all assigned or reported |")
            .AppendLine($"| total travel | {plan.TotalKilometres:F1} km | {(orTools is null ? "—" : $"{orTools.Kilometres:F1} km")} | ≤ 1.05 × OR-Tools |")
            .AppendLine($"| routes (volunteers used) | {plan.Routes.Count} | {orTools?.Routes.ToString(CultureInfo.InvariantCulture) ?? "—"} | |")
            .AppendLine($"| of which home → canteen | {homeLegs:F1} km | {(orTools is null ? "—" : $"{orTools.HomeToCanteenKilometres:F1} km")} | |")
            .AppendLine($"| ratio | {(double.IsNaN(ratio) ? "—" : ratio.ToString("F3", CultureInfo.InvariantCulture))} | 1 | ≤ 1.05 |");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
        await File.WriteAllTextAsync(settings.Report, text.ToString(), cancellationToken);
        AnsiConsole.MarkupLine($"ratio planner / OR-Tools: {(double.IsNaN(ratio) ? "—" : ratio.ToString("F3", CultureInfo.InvariantCulture))}; report: {Markup.Escape(settings.Report)}");
        return 0;
    }
}
