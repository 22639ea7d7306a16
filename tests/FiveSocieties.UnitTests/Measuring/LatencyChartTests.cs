using FiveSocieties.Cli.Measuring;

namespace FiveSocieties.UnitTests.Measuring;

public sealed class LatencyChartTests
{
    [Fact]
    public void The_benchmark_chart_is_a_real_PNG_image()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fivesoc-chart-{Guid.NewGuid():N}.png");
        try
        {
            LatencyChart.Write(path, [(10, 40, 60, 80), (50, 45, 70, 120), (100, 60, 150, 400)]);
            var bytes = File.ReadAllBytes(path);
            bytes.Length.ShouldBeGreaterThan(5_000);
            bytes.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
