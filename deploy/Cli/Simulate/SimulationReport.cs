// The simulate report: what the simulator did and saw, next to what the services say, as
// Markdown with two charts (meals per day, notification latency).
using System.Globalization;
using System.Text;
using FiveSocieties.Cli.Measuring;
using ScottPlot;

namespace FiveSocieties.Cli.Simulate;

public sealed record SimulationTotals(
    int NeedsRaised, int NeedsMatched, int OffersPosted, int ReferralsApproved, int ReferralsDeclinedByCaseworker, int ReferralsAccepted,
    int ReferralsDeclinedByProvider, int DeliveriesPlanned, int DeliveriesCompleted, int DeliveriesMissed, int DeliveriesFailed,
    int DeliveriesCancelled, int DeliveriesUnfinished, int VolunteerDeclines, int AlertsExpected, int AlertsRaised, int AlertsAcknowledged,
    int AlertsAcknowledgedBySupervisor, int AlertsAcknowledgedByDistrict)
{
    public static SimulationTotals Of(IEnumerable<DayTally> days)
    {
        var d = days.ToList();
        return new(d.Sum(x => x.NeedsRaised), d.Sum(x => x.NeedsMatched), d.Sum(x => x.OffersPosted), d.Sum(x => x.ReferralsApproved),
            d.Sum(x => x.ReferralsDeclinedByCaseworker), d.Sum(x => x.ReferralsAccepted), d.Sum(x => x.ReferralsDeclinedByProvider),
            d.Sum(x => x.DeliveriesPlanned), d.Sum(x => x.DeliveriesCompleted), d.Sum(x => x.DeliveriesMissed), d.Sum(x => x.DeliveriesFailed),
            d.Sum(x => x.DeliveriesCancelled), d.Sum(x => x.DeliveriesUnfinished), d.Sum(x => x.VolunteerDeclines), d.Sum(x => x.AlertsExpected),
            d.Sum(x => x.AlertsRaised), d.Sum(x => x.AlertsAcknowledged), d.Sum(x => x.AlertsAcknowledgedBySupervisor),
            d.Sum(x => x.AlertsAcknowledgedByDistrict));
    }
}

public sealed record WrittenReport(string Markdown, string MarkdownPath, string DeliveriesChart, string LatencyChart);

public static class SimulationReport
{
    public static async Task<WrittenReport> WriteAsync(SimulationResult result, string directory, string command, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var name = $"simulate-{result.Households}h-{result.Options.Days}d";
        var deliveries = Path.Combine(directory, name + "-deliveries.png");
        var latency = Path.Combine(directory, name + "-latency.png");
        WriteDeliveriesChart(deliveries, result.Days);
        var series = result.LatencyByRule.ToDictionary(r => r.Key, r => r.Value);
        series["all"] = [.. result.LatencyByRule.Values.SelectMany(v => v).Order()];
        LatencyChart.WriteDistribution(latency, "Cause (API call) → notification on the recipient's SSE stream", series);
        var markdown = Markdown(result, command, Path.GetFileName(deliveries), Path.GetFileName(latency));
        var path = Path.Combine(directory, name + ".md");
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        return new WrittenReport(markdown, path, deliveries, latency);
    }

    private static string Markdown(SimulationResult r, string command, string deliveriesChart, string latencyChart)
    {
        var t = SimulationTotals.Of(r.Days);
        var all = r.LatencyByRule.Values.SelectMany(v => v).Order().ToList();
        string Ms(double v) => double.IsNaN(v) ? "–" : v.ToString("F0", CultureInfo.InvariantCulture);
        string S(double ms) => double.IsNaN(ms) ? "–" : (ms / 1000).ToString("F1", CultureInfo.InvariantCulture);
        var x = new StringBuilder();
        x.AppendLine($"# Simulation — {r.Options.Days} days of station life in a {r.Households:N0}-household Datong");
        x.AppendLine();
        x.AppendLine($"`{command}` — {r.Options.Start:yyyy-MM-dd} to {r.Options.Start.AddDays(r.Options.Days - 1):yyyy-MM-dd}, seed {r.Options.Seed}; " +
            $"{r.Stations} stations, {r.Volunteers} volunteers, {r.Listeners} inbox streams open; run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on " +
            $"{Environment.ProcessorCount} cores (shared); wall time {r.Elapsed.TotalMinutes:F1} min.");
        x.AppendLine();
        x.AppendLine("Everything goes through the four services' public HTTP APIs; people decide from the seed " +
            $"(caseworkers approve {r.Options.CaseworkerApproves:P0} of proposals, providers accept {r.Options.ProviderAccepts:P0} while they have room, " +
            $"volunteers take {r.Options.VolunteerAccepts:P0} of offers, {r.Options.MissRate:P0} of meals miss the recipient, " +
            $"caseworkers acknowledge {r.Options.AcknowledgeRate:P0} of urgent alerts). Decisions are instant, so times below are the system's, not people's.");
        x.AppendLine();
        x.AppendLine("| | simulator | services say |");
        x.AppendLine("|---|---|---|");
        x.AppendLine($"| needs raised | {t.NeedsRaised} | {r.Services.SimulatedNeedsFound} on case files |");
        x.AppendLine($"| needs matched (provider accepted) | {t.NeedsMatched} | {r.Services.SimulatedNeedsMatched} Matched in Cases |");
        x.AppendLine($"| time to match p50 / p90 | {S(Percentiles.Of(r.TimeToMatchMs, 0.5))} s / {S(Percentiles.Of(r.TimeToMatchMs, 0.9))} s | |");
        x.AppendLine($"| new offers posted | {t.OffersPosted} | |");
        x.AppendLine($"| referrals approved / declined by caseworkers | {t.ReferralsApproved} / {t.ReferralsDeclinedByCaseworker} | |");
        x.AppendLine($"| referrals accepted / declined by providers | {t.ReferralsAccepted} / {t.ReferralsDeclinedByProvider} | |");
        x.AppendLine($"| referrals expired | – | {r.Services.ReferralsExpired} |");
        x.AppendLine($"| meal deliveries planned | {t.DeliveriesPlanned} | |");
        x.AppendLine($"| completed / missed / failed (nobody to take it) | {t.DeliveriesCompleted} / {t.DeliveriesMissed} / {t.DeliveriesFailed} | |");
        x.AppendLine($"| cancelled / unfinished at day's end | {t.DeliveriesCancelled} / {t.DeliveriesUnfinished} | |");
        x.AppendLine($"| offers declined by volunteers (reassigned) | {t.VolunteerDeclines} | |");
        x.AppendLine($"| urgent alerts (missed meal, lives alone) expected / arrived | {t.AlertsExpected} / {t.AlertsRaised} | {r.Services.AlertsInInboxes} in caseworkers' inboxes |");
        x.AppendLine($"| alerts acknowledged | {t.AlertsAcknowledged} | {r.Services.AlertsAcknowledged} |");
        x.AppendLine($"| alerts escalated to supervisors | – | {r.Services.AlertsEscalated} (escalation notifications received: {r.Services.EscalationsReceived}; " +
            $"Notifications escalates after {(r.Services.EscalateAfter is { } after ? $"{after.TotalMinutes:0.#} min" : "–")}) |");
        var a = r.Services.Alarms;
        string Level(IReadOnlyDictionary<int, int> byLevel) => string.Join(" / ", Enumerable.Range(0, 3).Select(l => byLevel.GetValueOrDefault(l)));
        string Min(double v) => double.IsNaN(v) ? "–" : v.ToString("F1", CultureInfo.InvariantCulture);
        x.AppendLine($"| alarms acknowledged by caseworker / supervisor / district officer | {t.AlertsAcknowledged} / {t.AlertsAcknowledgedBySupervisor} / " +
            $"{t.AlertsAcknowledgedByDistrict} | {Level(a.AcknowledgedAtLevel)} (of {a.Raised} alarms on the stations' boards) |");
        x.AppendLine($"| alarms by highest level reached (0 / 1 / 2) | | {Level(a.ReachedLevel)} |");
        x.AppendLine($"| alarms still open / unreached | | {a.Open} / {a.Unreached} |");
        x.AppendLine($"| time to acknowledgement p50 / p99 (Notifications' clock) | | {Min(Percentiles.Of(a.MinutesToAcknowledge, 0.5))} min / " +
            $"{Min(Percentiles.Of(a.MinutesToAcknowledge, 0.99))} min |");
        x.AppendLine($"| notification latency p50 / p99 (all rules) | {Ms(Percentiles.Of(all, 0.5))} ms / {Ms(Percentiles.Of(all, 0.99))} ms (n={all.Count}) | |");
        x.AppendLine();
        x.AppendLine("## Per day");
        x.AppendLine();
        x.AppendLine("| day | date | needs raised | matched | referrals approved | accepted | meals planned | completed | missed | failed | alerts | acknowledged |");
        x.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var d in r.Days)
            x.AppendLine($"| {d.Day + 1} | {d.Date:yyyy-MM-dd} ({d.Date.DayOfWeek.ToString()[..3]}) | {d.NeedsRaised} | {d.NeedsMatched} | {d.ReferralsApproved} | " +
                $"{d.ReferralsAccepted} | {d.DeliveriesPlanned} | {d.DeliveriesCompleted} | {d.DeliveriesMissed} | {d.DeliveriesFailed} | {d.AlertsRaised} | {d.AlertsAcknowledged} |");
        x.AppendLine();
        x.AppendLine($"![meal deliveries per day]({deliveriesChart})");
        x.AppendLine();
        x.AppendLine("## Notification latency, by rule");
        x.AppendLine();
        x.AppendLine("From the API call that caused it (need raised, referral declined or accepted, day planned, offer declined, meal missed) to its arrival on the recipient's `GET /inbox/stream`.");
        x.AppendLine();
        x.AppendLine("| rule | n | p50 ms | p90 ms | p99 ms | max ms |");
        x.AppendLine("|---|---|---|---|---|---|");
        foreach (var (rule, sorted) in r.LatencyByRule.OrderBy(l => l.Key))
            x.AppendLine($"| {rule} | {sorted.Count} | {Ms(Percentiles.Of(sorted, 0.5))} | {Ms(Percentiles.Of(sorted, 0.9))} | {Ms(Percentiles.Of(sorted, 0.99))} | {Ms(sorted[^1])} |");
        x.AppendLine();
        x.AppendLine($"Notifications received on the streams, by rule: {string.Join(", ", r.NotificationsByRule.OrderBy(n => n.Key).Select(n => $"{n.Key} {n.Value}"))}.");
        x.AppendLine();
        x.AppendLine($"![notification latency]({latencyChart})");
        x.AppendLine();
        x.AppendLine("## What the services refused");
        x.AppendLine();
        if (r.Refusals.Count == 0) x.AppendLine("Nothing.");
        foreach (var (what, count) in r.Refusals.OrderByDescending(f => f.Value)) x.AppendLine($"- {what}: {count}");
        x.AppendLine();
        x.AppendLine("## What runs on the services' own clocks");
        x.AppendLine();
        x.AppendLine("Days are dates given to `POST /deliveries/plan`; nothing waits for them. What the services time themselves runs on their real clock, so a run of minutes does not see it:");
        x.AppendLine("referral deadlines (2 days to approve or accept → Expired), offers nobody answers (2 h → reassigned), no-shows (the window's start), " +
            "the day-before reminders and the 06:00 morning plan in Volunteers, and escalation of unacknowledged urgent alerts in Notifications (30 min by default; the setting in effect is in the table). " +
            "Escalations counted above are those the run waited for (`--await-escalations`); the end-to-end test moves the services' shared clock instead. " +
            "Volunteers' morning plan also offers the real today's and tomorrow's meals on its own: those offers reach volunteers' streams with no cause of the simulator's, so they are counted but not timed.");
        x.AppendLine("Latency of a proposal counts from the later of the need's raising (or its last decline) and the offer's posting; on day 1 it includes the queue behind the morning's answers to the seeded city's backlog of referrals.");
        x.AppendLine("Companionship visits are not simulated.");
        return x.ToString();
    }

    /// <summary>Stacked bars per day: meals completed, missed, and failed or left unfinished.</summary>
    private static void WriteDeliveriesChart(string path, IReadOnlyList<DayTally> days)
    {
        var plot = new Plot();
        var layers = new (string Label, Func<DayTally, int> Value, Color Color)[]
        {
            ("completed", d => d.DeliveriesCompleted, Colors.SeaGreen),
            ("missed", d => d.DeliveriesMissed, Colors.DarkOrange),
            ("failed / cancelled / unfinished", d => d.DeliveriesFailed + d.DeliveriesCancelled + d.DeliveriesUnfinished, Colors.Crimson),
        };
        foreach (var d in days)
        {
            double bottom = 0;
            foreach (var (_, value, color) in layers)
            {
                var top = bottom + value(d);
                plot.Add.Bar(new Bar { Position = d.Day + 1, ValueBase = bottom, Value = top, FillColor = color });
                bottom = top;
            }
        }
        foreach (var (label, _, color) in layers) plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. days.Select(d => new Tick(d.Day + 1, d.Date.ToString("MM-dd", CultureInfo.InvariantCulture)))]);
        plot.Axes.Margins(bottom: 0);
        plot.Title("Meal deliveries per simulated day");
        plot.YLabel("deliveries");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 500);
    }
}
