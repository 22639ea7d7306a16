using ScottPlot;

namespace FiveSocieties.Cli.Bench;

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
}
