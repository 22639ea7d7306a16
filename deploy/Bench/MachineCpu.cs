using System.Globalization;

namespace FiveSocieties.Bench;

/// <summary>
/// Where the machine's processor time goes during a phase: the service under test, the bench
/// itself (load generator and clients), PostgreSQL, RabbitMQ, everything else (other tenants of a
/// shared machine), and what stayed idle. A latency tail on a machine with no idle time left is
/// queueing, whatever the code; this says which it was (Linux /proc; elsewhere nothing).
/// </summary>
public sealed record MachineCpu(double Service, double Bench, double Postgres, double RabbitMq, double Busy, double Idle)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Processor seconds used so far by each part, and the machine's busy and idle seconds (all cores).</summary>
    public static MachineCpu? Now(int servicePid)
    {
        if (!File.Exists("/proc/stat")) return null;
        double service = 0, bench = 0, postgres = 0, rabbit = 0;
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // the process ended while we looked
            catch (UnauthorizedAccessException) { continue; }
            if (Parse(stat) is not { } parsed) continue;
            var (name, seconds) = parsed;
            if (pid == servicePid) service += seconds;
            else if (pid == self) bench += seconds;
            else if (name.StartsWith("postgres", StringComparison.Ordinal)) postgres += seconds;
            else if (name is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost") rabbit += seconds;
        }
        // cpu  user nice system idle iowait irq softirq steal …
        var all = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture) / TicksPerSecond).ToArray();
        var busy = all[0] + all[1] + all[2] + all[5] + all[6] + all[7];
        var idle = all[3] + all[4];
        return new MachineCpu(service, bench, postgres, rabbit, busy, idle);
    }

    /// <summary>Processor seconds (user + system) a process has used so far.</summary>
    public static double ProcessSeconds(int pid) =>
        Parse(File.ReadAllText($"/proc/{pid}/stat"))?.Seconds ?? throw new InvalidOperationException($"/proc/{pid}/stat is unreadable");

    /// <summary>The command name and processor seconds from a /proc/PID/stat line (the name, in parentheses, may hold spaces).</summary>
    private static (string Name, double Seconds)? Parse(string stat)
    {
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(open + 1)..close],
            (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
    }

    /// <summary>What each part used between <paramref name="before"/> and this snapshot.</summary>
    public MachineCpu Since(MachineCpu before) =>
        new(Service - before.Service, Bench - before.Bench, Postgres - before.Postgres, RabbitMq - before.RabbitMq,
            Busy - before.Busy, Idle - before.Idle);

    /// <summary>Busy time of processes other than the four parts (other tenants, the kernel's own work).</summary>
    public double Others => Math.Max(0, Busy - Service - Bench - Postgres - RabbitMq);

    /// <summary>The share of the machine's processor time that stayed idle.</summary>
    public double IdleShare => Busy + Idle <= 0 ? double.NaN : Idle / (Busy + Idle);

    /// <summary>"service 1.1 · PostgreSQL 1.3 · …" in milliseconds of processor time per item.</summary>
    public string PerItem(long items)
    {
        string Ms(double seconds) => (seconds * 1000 / Math.Max(1, items)).ToString("F2", CultureInfo.InvariantCulture);
        return $"service {Ms(Service)} · PostgreSQL {Ms(Postgres)} · RabbitMQ {Ms(RabbitMq)} · bench {Ms(Bench)} · others {Ms(Others)} · total {Ms(Busy)}";
    }
}
