using System.ComponentModel;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli.Errors;

/// <summary>
/// fivesoc errors: what did not go through, for an operator to look at — each service's dead-lettered
/// events (its relay could not publish them), the messages consumers parked in RabbitMQ's error
/// queues, and notifications no channel could deliver. Reads the stores as the services configure
/// them, whether the services run or not. Exits 1 when anything is stuck, so a script can alert.
/// </summary>
public sealed class ErrorsCommand : AsyncCommand<ErrorsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--limit <N>"), Description("at most this many of each kind, newest first")]
        [DefaultValue(20)]
        public int Limit { get; init; } = 20;

        public override ValidationResult Validate() =>
            Limit is >= 1 and <= 1000 ? ValidationResult.Success() : ValidationResult.Error("--limit must be between 1 and 1000");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var stuck = new List<StuckEvent>();
        IReadOnlyList<UndeliveredNotification> undelivered = [];
        foreach (var service in ServiceStores.All.Keys)
        {
            using var host = ServiceStores.Host(service);
            await host.StartAsync(cancellationToken);
            await using (var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            {
                stuck.AddRange(await StuckWork.DeadLettersAsync(session, service, settings.Limit, cancellationToken));
                if (service == "notifications") undelivered = await StuckWork.UndeliveredAsync(session, settings.Limit, cancellationToken);
            }
            await host.StopAsync(cancellationToken);
        }

        using var management = RabbitManagement.Client(timeout: TimeSpan.FromSeconds(10));
        var parked = await StuckWork.ParkedAsync(management, cancellationToken);

        Print("events a relay could not publish", stuck, ["service", "subscription", "sequence", "at", "why"],
            e => [e.Service, e.Subscription, $"{e.Sequence}", $"{e.At:u}", $"{e.Exception}: {e.Message}"]);
        Print("messages consumers gave up on", parked, ["virtual host", "queue", "messages"], q => [q.VirtualHost, q.Queue, $"{q.Messages:N0}"]);
        Print("notifications no channel delivered", undelivered, ["notification", "rule", "channel", "at", "why"],
            u => [$"{u.NotificationId}", u.Rule, u.Channel, $"{u.At:u}", u.Reason]);
        return stuck.Count + parked.Count + undelivered.Count == 0 ? 0 : 1;
    }

    private static void Print<T>(string title, IReadOnlyList<T> rows, string[] columns, Func<T, string[]> cells)
    {
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLine($"[green]none[/]: {title.EscapeMarkup()}");
            return;
        }
        var table = new Table().Title(title.EscapeMarkup()).AddColumns(columns);
        foreach (var row in rows) table.AddRow([.. cells(row).Select(c => c.EscapeMarkup())]);
        AnsiConsole.Write(table);
    }
}
