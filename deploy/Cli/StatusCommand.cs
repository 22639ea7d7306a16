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
    }

    public static readonly IReadOnlyList<(string Name, int Port)> Services =
        [("cases", 5101), ("matching", 5102), ("volunteers", 5103), ("notifications", 5104)];

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var table = new Table().AddColumns("service", "url", "ready", "checks");
        var allReady = true;
        foreach (var (name, port) in Services)
        {
            var url = $"http://{settings.Host}:{port}";
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
        AnsiConsole.Write(table);
        return allReady ? 0 : 1;
    }
}
