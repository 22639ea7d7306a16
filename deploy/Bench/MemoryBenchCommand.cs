using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FiveSocieties.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Bench;

/// <summary>
/// fivesoc-bench memory: starts each built service as its own process against the local
/// servers, waits until it is ready and has idled, and reads its resident memory (VmRSS).
/// </summary>
public sealed class MemoryBenchCommand : AsyncCommand<MemoryBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--idle-seconds <S>"), Description("how long each service idles after it is ready"), DefaultValue(30)]
        public int IdleSeconds { get; init; }

        [CommandOption("--configuration <C>"), DefaultValue("Release")]
        public string Configuration { get; init; } = "Release";

        [CommandOption("--report <PATH>"), DefaultValue(".local/bench/memory.md")]
        public string Report { get; init; } = ".local/bench/memory.md";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repo = FindRepository();
        var processes = new List<(string Name, int Port, Process Process)>();
        try
        {
            foreach (var (name, port) in StatusCommand.Services)
            {
                var service = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name);
                var dll = Path.Combine(repo, "services", service, "bin", settings.Configuration, "net10.0", $"FiveSocieties.{service}.dll");
                if (!File.Exists(dll)) throw new FileNotFoundException($"build the solution first ({settings.Configuration})", dll);
                var start = new ProcessStartInfo("dotnet", [dll])
                {
                    WorkingDirectory = Path.GetDirectoryName(dll), // the content root, watched for config changes: not the repository (.local/ is busy)
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                    Environment = { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", ["ASPNETCORE_ENVIRONMENT"] = "Development" },
                };
                var process = Process.Start(start)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add((name, port, process));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var (name, port, _) in processes)
                await WaitReadyAsync(http, name, port, cancellationToken);
            AnsiConsole.MarkupLine($"all ready; idling {settings.IdleSeconds} s …");
            await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds), cancellationToken);

            var table = new Table().AddColumns("service", "idle RSS (MB)", "PSS (MB)", "anonymous (MB)", "target (RSS)");
            var report = new StringBuilder($"# Idle memory — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}\n\n" +
                $"Each service started alone as `dotnet FiveSocieties.<Service>.dll` ({settings.Configuration}), ready, then idle {settings.IdleSeconds} s.\n\n" +
                "RSS counts the runtime's shared, file-backed pages in full for each process; PSS shares them out " +
                "among the processes that map them; anonymous is the process's own heap, stacks and JIT code.\n\n" +
                "| service | idle RSS (MB) | PSS (MB) | anonymous (MB) | target (RSS) |\n|---|---|---|---|---|\n");
            var within = true;
            foreach (var (name, _, process) in processes)
            {
                var rss = Megabytes($"/proc/{process.Id}/status", "VmRSS:");
                var pss = Megabytes($"/proc/{process.Id}/smaps_rollup", "Pss:");
                var anonymous = Megabytes($"/proc/{process.Id}/status", "RssAnon:") + Megabytes($"/proc/{process.Id}/status", "RssShmem:");
                within &= rss <= 120;
                table.AddRow(name, F(rss), F(pss), F(anonymous), "≤ 120");
                report.Append(CultureInfo.InvariantCulture, $"| {name} | {rss:F0} | {pss:F0} | {anonymous:F0} | ≤ 120 |\n");
            }
            AnsiConsole.Write(table);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
            await File.WriteAllTextAsync(settings.Report, report.ToString(), cancellationToken);
            return within ? 0 : 1;
        }
        finally
        {
            foreach (var (_, _, process) in processes)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, string name, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"{name} did not become ready on port {port}");
    }

    private static double Megabytes(string file, string field)
    {
        var line = File.ReadLines(file).First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    private static string F(double megabytes) => megabytes.ToString("F0", CultureInfo.InvariantCulture);

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FiveSocieties.sln"))) return dir.FullName;
        throw new InvalidOperationException("run fivesoc-bench from inside the repository");
    }
}
