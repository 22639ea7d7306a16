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
    }

    public static readonly IReadOnlyList<(string Name, int Port)> Services =
        [("cases", 5101), ("matching", 5102), ("volunteers", 5103), ("notifications", 5104)];

    /// <summary>What status reports: the services and the Web host in front of them (not a service the other commands call).</summary>
    public static readonly IReadOnlyList<(string Name, int Port)> Hosts = [.. Services, ("web", 5100)];

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(settings.Wait);
        while (true)
        {
            var (table, allReady) = await CheckAsync(http, settings.Host, cancellationToken);
            if (allReady || DateTime.UtcNow >= deadline)
            {
                AnsiConsole.Write(table);
                return allReady ? 0 : 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<(Table, bool)> CheckAsync(HttpClient http, string host, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("service", "url", "ready", "checks");
        var allReady = true;
        foreach (var (name, port) in Hosts)
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
