using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli;

public sealed class StatusCommand : AsyncCommand<StatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [Spectre.Console.Cli.CommandOption("--host <HOST>")]
        [System.ComponentModel.DefaultValue("127.0.0.1")]
        public string Host { get; init; } = "127.0.0.1";

        [Spectre.Console.Cli.CommandOption("--wait <SECONDS>")]
        [System.ComponentModel.Description("keep asking until every service and the Web host are ready, for at most this long")]
        public int Wait { get; init; }

        [Spectre.Console.Cli.CommandOption("--replicas <N>")]
        [System.ComponentModel.Description("how many replicas of each run (run.sh --replicas); by default FIVESOC_REPLICAS, else 1")]
        public int? Replicas { get; init; }

        public override ValidationResult Validate() =>
            Replicas is < 1 ? ValidationResult.Error("--replicas must be 1 or more") : ValidationResult.Success();
    }

    /// <summary>
    /// The first port of a local run: the Web host's; the services follow it (5101–5104), and each
    /// further replica is 10 ports up (5110, 5111…). FIVESOC_PORT_BASE moves them all, as in run.sh.
    /// </summary>
    public static int PortBase =>
        int.TryParse(Environment.GetEnvironmentVariable("FIVESOC_PORT_BASE"), out var port) && port > 0 ? port : 5100;

    /// <summary>The first replica of each service, the one the other commands call.</summary>
    public static IReadOnlyList<(string Name, int Port)> Services =>
        [("cases", PortBase + 1), ("matching", PortBase + 2), ("volunteers", PortBase + 3), ("notifications", PortBase + 4)];

    /// <summary>What status reports: every replica of the services and of the Web host in front of them.</summary>
    public static IReadOnlyList<(string Name, int Port)> Hosts(int replicas) =>
        [.. Enumerable.Range(0, replicas).SelectMany(r =>
            Services.Append((Name: "web", Port: PortBase)).Select(h => (r == 0 ? h.Name : $"{h.Name} #{r + 1}", h.Port + 10 * r)))];

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(settings.Wait);
        while (true)
        {
            var replicas = settings.Replicas
                ?? (int.TryParse(Environment.GetEnvironmentVariable("FIVESOC_REPLICAS"), out var n) && n > 0 ? n : 1);
            var (table, allReady) = await CheckAsync(http, settings.Host, Hosts(replicas), cancellationToken);
            if (allReady || DateTime.UtcNow >= deadline)
            {
                AnsiConsole.Write(table);
                return allReady ? 0 : 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<(Table, bool)> CheckAsync(HttpClient http, string host, IReadOnlyList<(string Name, int Port)> hosts, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("service", "url", "ready", "checks");
        var allReady = true;
        foreach (var (name, port) in hosts)
        {
            var url = $"http://{host}:{port}";
            string ready, checks;
            try
            {
                using var response = await http.GetAsync($"{url}/health/ready", cancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                ready = response.IsSuccessStatusCode ? "[green]ready[/]" : "[red]not ready[/]";
                checks = string.Join(", ", body.RootElement.GetProperty("checks").EnumerateObject()
                    .Select(c => $"{c.Name}: {c.Value.GetProperty("status").GetString()}"));
                allReady &= response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                ready = "[red]down[/]";
                checks = Markup.Escape(e.Message);
                allReady = false;
            }
            table.AddRow(name, url, ready, checks);
        }
        return (table, allReady);
    }
}
