using System.Globalization;
using System.Text;

namespace FiveSocieties.Bench;

/// <summary>
/// The resident memory of the whole city while a benchmark loads it — each service and the Web host
/// (every replica), PostgreSQL and RabbitMQ — sampled from /proc once a second. RSS counts the shared,
/// file-backed pages in full for every process that maps them; PSS shares them out, so the sum of PSS
/// is what all of it holds together. Processes this user may not read (another user's, off root) are
/// left out and said so.
/// </summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    /// <summary>The per-process ceiling the city aims at for each .NET host (issue 29).</summary>
    public const double ServiceRssTarget = 150;

    /// <summary>Everything together, on a county's small server.</summary>
    public const double CityPssTarget = 2048;

    private static readonly string[] DotNetHosts = ["Cases", "Matching", "Volunteers", "Notifications", "Web"];
    private static readonly string[] BrokerProcesses = ["beam.smp", "erl_child_setup", "epmd", "inet_gethost"];

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Peak> _peaks = new(StringComparer.Ordinal);
    private double _peakTogether;
    private int _samples, _unreadable, _stopped;

    /// <param name="Processes">The most processes seen at once (replicas, or PostgreSQL's backends).</param>
    /// <param name="ProcessRss">The largest RSS of any one of its processes.</param>
    /// <param name="Pss">The largest sum of its processes' PSS.</param>
    public sealed record Peak(int Processes, double ProcessRss, double Pss);

    public ResidentMemory() => _sampling = SampleUntilStoppedAsync(_stop.Token);

    public (IReadOnlyDictionary<string, Peak> Components, double Together, int Samples, int Unreadable) Result()
    {
        lock (_gate) return (new Dictionary<string, Peak>(_peaks), _peakTogether, _samples, _unreadable);
    }

    private async Task SampleUntilStoppedAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do Sample();
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) { }
    }

    private void Sample()
    {
        var now = new Dictionary<string, (int Processes, double MaxRss, double Pss)>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (ComponentOf(File.ReadAllText(Path.Combine(dir, "cmdline"))) is not { } component) continue;
                var rss = Kilobytes(Path.Combine(dir, "status"), "VmRSS:") / 1024;
                double pss;
                try { pss = Kilobytes(Path.Combine(dir, "smaps_rollup"), "Pss:") / 1024; }
                catch (UnauthorizedAccessException) { unreadable++; continue; }
                var seen = now.GetValueOrDefault(component);
                now[component] = (seen.Processes + 1, Math.Max(seen.MaxRss, rss), seen.Pss + pss);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // gone meanwhile, or not ours to read
        }
        lock (_gate)
        {
            _samples++;
            _unreadable = Math.Max(_unreadable, unreadable);
            _peakTogether = Math.Max(_peakTogether, now.Values.Sum(v => v.Pss));
            foreach (var (component, (processes, maxRss, pss)) in now)
            {
                var peak = _peaks.GetValueOrDefault(component) ?? new Peak(0, 0, 0);
                _peaks[component] = new Peak(Math.Max(peak.Processes, processes), Math.Max(peak.ProcessRss, maxRss), Math.Max(peak.Pss, pss));
            }
        }
    }

    /// <summary>Which part of the city a command line belongs to, or null.</summary>
    public static string? ComponentOf(string cmdline)
    {
        var args = cmdline.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (args.Length == 0) return null;
        foreach (var host in DotNetHosts)
            if (args.Any(a => a.EndsWith($"FiveSocieties.{host}.dll", StringComparison.Ordinal) || Path.GetFileName(a) == $"FiveSocieties.{host}"))
                return host;
        var program = Path.GetFileName(args[0].Split(' ')[0]);
        if (program == "postgres" || args[0].StartsWith("postgres:", StringComparison.Ordinal)) return "PostgreSQL";
        return BrokerProcesses.Contains(program) ? "RabbitMQ" : null;
    }

    public string Markdown()
    {
        var (components, together, samples, unreadable) = Result();
        var text = new StringBuilder();
        text.AppendLine("## Resident memory under this load");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Sampled from /proc once a second while the rates ran ({samples} samples). RSS counts shared, file-backed pages in full for every process; PSS shares them out, so the sum of PSS is what it all holds together.");
        text.AppendLine();
        text.AppendLine("| part | processes | largest process RSS (MB) | PSS, all its processes (MB) | target |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (name, peak) in components.OrderBy(c => Array.IndexOf(DotNetHosts, c.Key) is var i && i < 0 ? 99 : i).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var target = DotNetHosts.Contains(name)
                ? $"≤ {ServiceRssTarget:F0} RSS {(peak.ProcessRss <= ServiceRssTarget ? "✓" : "✗")}"
                : "—";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {peak.Processes} | {peak.ProcessRss:F0} | {peak.Pss:F0} | {target} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"All of it together at the busiest sample (sum of PSS): **{together:F0} MB** (target ≤ {CityPssTarget:F0} MB {(together <= CityPssTarget ? "✓" : "✗")}).");
        if (unreadable > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"{unreadable} processes could not be read by this user and are left out: run as root for the whole figure.");
        return text.ToString();
    }

    private static double Kilobytes(string file, string field)
    {
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
                   ?? throw new IOException($"{file} has no {field}");
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Stops sampling (once; what was sampled stays readable).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
