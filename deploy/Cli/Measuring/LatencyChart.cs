using ScottPlot;

namespace FiveSocieties.Cli.Measuring;

/// <summary>Latency percentiles against load, as a PNG for the benchmark reports.</summary>
public static class LatencyChart
{
    public static void Write(string path, IReadOnlyList<(int Rate, double P50, double P95, double P99)> points)
    {
        var plot = new Plot();
        double[] rates = [.. points.Select(p => (double)p.Rate)];
        foreach (var (label, values) in new[] { ("p50", points.Select(p => p.P50)), ("p95", points.Select(p => p.P95)), ("p99", points.Select(p => p.P99)) })
        {
            var line = plot.Add.Scatter(rates, values.ToArray());
            line.LegendText = label;
        }
        var limit = plot.Add.HorizontalLine(1000);
        limit.LegendText = "1 s";
        limit.LinePattern = LinePattern.Dashed;
        plot.Title("Need raised → caseworker notified (SSE)");
        plot.XLabel("needs raised per second");
        plot.YLabel("latency (ms)");
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
    }

    /// <summary>
    /// Each series' latency distribution: the share of samples at or under each latency, so
    /// p50, p90 and p99 are read where a line crosses 0.5, 0.9 and 0.99 (logarithmic time axis).
    /// </summary>
    public static void WriteDistribution(string path, string title, IReadOnlyDictionary<string, IReadOnlyList<double>> sortedSeries)
    {
        var plot = new Plot();
        foreach (var (label, sorted) in sortedSeries.Where(s => s.Value.Count > 0).OrderBy(s => s.Key))
        {
            double[] xs = [.. sorted.Select(v => Math.Log10(Math.Max(v, 1)))];
            double[] ys = [.. sorted.Select((_, i) => (i + 1.0) / sorted.Count)];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{label} (n={sorted.Count})";
            line.MarkerSize = 0;
        }
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            var mark = plot.Add.HorizontalLine(q);
            mark.LinePattern = LinePattern.Dotted;
            mark.Text = $"p{q * 100:0}";
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 6).Select(e => new Tick(e, e < 3 ? $"{Math.Pow(10, e):0} ms" : $"{Math.Pow(10, e - 3):0} s"))]);
        plot.Title(title);
        plot.XLabel("latency (log scale)");
        plot.YLabel("share of notifications arrived");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 500);
    }
}
