namespace FiveSocieties.Cli.Measuring;

/// <summary>Nearest-rank percentiles, as every report of the CLI states them.</summary>
public static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> (0.99 for p99) of samples sorted ascending; NaN when there are none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
