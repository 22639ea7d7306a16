using System.ComponentModel;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli.Errors;

/// <summary>
/// fivesoc errors [list]: what did not go through, for an operator to look at — each service's dead-lettered
/// events (its relay could not publish them), the messages consumers parked in RabbitMQ's error
/// queues, and notifications no channel could deliver. Reads the stores as the services configure
/// them, whether the services run or not. Exits 1 when anything is stuck, so a script can alert.
/// </summary>
public sealed class ErrorsCommand : AsyncCommand<ErrorsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--limit <N>"), Description("at most this many of each kind, newest first (parked messages: per queue, oldest first)")]
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
        var queues = await StuckWork.ParkedAsync(management, cancellationToken);
        var parked = new List<ParkedMessage>();
        foreach (var queue in queues)
            parked.AddRange(await ErrorQueues.BrowseAsync(RabbitManagement.Broker, queue.VirtualHost, queue.Queue, settings.Limit, cancellationToken));

        Print("events a relay could not publish", stuck, ["id", "service", "subscription", "sequence", "at", "why"],
            e => [$"{e.Id}", e.Service, e.Subscription, $"{e.Sequence}", $"{e.At:u}", $"{e.Exception}: {e.Message}"]);
        Print("error queues", queues, ["virtual host", "queue", "messages"], q => [q.VirtualHost, q.Queue, $"{q.Messages:N0}"]);
        Print("messages consumers gave up on", parked, ["id", "virtual host", "queue", "at", "why"],
            m => [m.Id, m.VirtualHost, m.ErrorQueue, $"{m.At:u}", $"{m.ExceptionType}: {m.ExceptionMessage}"]);
        Print("notifications no channel delivered", undelivered, ["notification", "rule", "channel", "at", "why"],
            u => [$"{u.NotificationId}", u.Rule, u.Channel, $"{u.At:u}", u.Reason]);
        if (stuck.Count + parked.Count > 0)
            AnsiConsole.MarkupLine("fivesoc errors show|replay|purge ID: 查看、重放或删除一条。/ look at, replay or purge one.");
        return stuck.Count + queues.Count + undelivered.Count == 0 ? 0 : 1;
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

/// <summary>What show, replay and purge share: an id or --all, narrowed to a queue or a virtual host.</summary>
public class StuckWorkSettings : CommandSettings
{
    [CommandArgument(0, "[id]"), Description("a parked message's id (its MessageId) or a dead letter's id, as `fivesoc errors` lists them")]
    public string? Id { get; init; }

    [CommandOption("--queue <QUEUE>"), Description("only this queue's error queue (the queue's name, or its _error twin)")]
    public string? Queue { get; init; }

    [CommandOption("--vhost <VHOST>"), Description("only this RabbitMQ virtual host")]
    public string? VirtualHost { get; init; }

    public ErrorQueueScope Scope => new(Queue, VirtualHost);
}

public class StuckWorkBatchSettings : StuckWorkSettings
{
    [CommandOption("--all"), Description("every parked message in scope (dead letters are taken by id only)")]
    public bool All { get; init; }

    public override ValidationResult Validate() =>
        (Id is null) == All ? ValidationResult.Success() : ValidationResult.Error("give an id or --all (one of them) / 请给出一个编号或 --all");
}

/// <summary>Opens every service's store (as `fivesoc errors` reads them) and hands the desk to <paramref name="act"/>.</summary>
internal static class Desk
{
    public static async Task<int> WithAsync(Func<StuckWorkDesk, Task<int>> act, CancellationToken cancellationToken)
    {
        var hosts = ServiceStores.All.Keys.Select(service => (Service: service, Host: ServiceStores.Host(service))).ToList();
        try
        {
            foreach (var (_, host) in hosts) await host.StartAsync(cancellationToken);
            using var management = RabbitManagement.Client(timeout: TimeSpan.FromSeconds(10));
            return await act(new StuckWorkDesk(management, RabbitManagement.Broker,
                [.. hosts.Select(h => new ServiceStore(h.Service, h.Host.Services.GetRequiredService<IDocumentStore>()))], AnsiConsole.Console));
        }
        finally
        {
            foreach (var (_, host) in hosts)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }
}

public sealed class ErrorsShowCommand : AsyncCommand<ErrorsShowCommand.Settings>
{
    public sealed class Settings : StuckWorkSettings
    {
        public override ValidationResult Validate() => Id is null ? ValidationResult.Error("give the id to show / 请给出编号") : ValidationResult.Success();
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Desk.WithAsync(desk => desk.ShowAsync(settings.Id!, settings.Scope, cancellationToken), cancellationToken);
}

public sealed class ErrorsReplayCommand : AsyncCommand<StuckWorkBatchSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, StuckWorkBatchSettings settings, CancellationToken cancellationToken) =>
        Desk.WithAsync(desk => desk.ReplayAsync(settings.Id, settings.Scope, cancellationToken), cancellationToken);
}

public sealed class ErrorsPurgeCommand : AsyncCommand<ErrorsPurgeCommand.Settings>
{
    public sealed class Settings : StuckWorkBatchSettings
    {
        [CommandOption("--yes"), Description("really delete (without it, says what would go and changes nothing)")]
        public bool Yes { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Desk.WithAsync(desk => settings.Yes
            ? desk.PurgeAsync(settings.Id, settings.Scope, cancellationToken)
            : desk.PreviewPurgeAsync(settings.Id, settings.Scope, cancellationToken), cancellationToken);
}
