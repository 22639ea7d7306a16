using Microsoft.Extensions.Configuration;
using FiveSocieties.Cases.Households.Rehashing;
using FiveSocieties.BuildingBlocks.Privacy;
using System.ComponentModel;
using FiveSocieties.BuildingBlocks.EventStore;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli;

/// <summary>
/// fivesoc rebuild &lt;service&gt;: every read model of a service's store rebuilt from its events
/// (after a fix to a projection, or a lost table). Opens the store exactly as the service
/// configures it; snapshots go stream by stream, the rest through Marten's daemon.
/// </summary>
public sealed class RebuildCommand : AsyncCommand<RebuildCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<service>"), Description("cases, matching, volunteers or notifications")]
        public string Service { get; init; } = "";

        [CommandOption("--database <NAME>"), Description("the service's database (default fivesoc_<service>)")]
        public string? Database { get; init; }

        [CommandOption("--even-if-running"), Description("rebuild although the service answers on its local port (its readers see documents vanish and come back)")]
        public bool EvenIfRunning { get; init; }

        public override ValidationResult Validate() =>
            ServiceStores.All.ContainsKey(Service) ? ValidationResult.Success() : ValidationResult.Error($"unknown service '{Service}': one of {string.Join(", ", ServiceStores.All.Keys)}");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var port = StatusCommand.Services.Single(s => s.Name == settings.Service).Port;
        if (!settings.EvenIfRunning && await AnswersAsync(port, cancellationToken))
        {
            AnsiConsole.MarkupLine($"[red]the {settings.Service} service answers on 127.0.0.1:{port}[/]: stop it first — it would append while its documents are rebuilt (or pass --even-if-running).");
            return 2;
        }

        // A rebuild may meet a store that is not there yet: it creates the schema as the service would.
        using var host = ServiceStores.Host(settings.Service, settings.Database, changesSchema: true);
        await host.StartAsync(cancellationToken);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var table = new Table().AddColumns("projection", "how", "events", "documents", "seconds", "events/s");
        var results = await store.RebuildAllProjectionsAsync(done =>
            AnsiConsole.MarkupLine($"rebuilt {done.Projection.EscapeMarkup()} ({done.Method}) in {done.Elapsed.TotalSeconds:F1} s"), cancellationToken);
        foreach (var r in results)
            table.AddRow(r.Projection.EscapeMarkup(), r.Method, r.Method == ProjectionRebuild.DaemonReplay ? "" : $"{r.Events:N0}",
                r.Method == ProjectionRebuild.DaemonReplay ? "" : $"{r.Documents:N0}", $"{r.Elapsed.TotalSeconds:F1}", r.Method == ProjectionRebuild.DaemonReplay ? "" : $"{r.EventsPerSecond:N0}");
        AnsiConsole.Write(table);
        if (settings.Service == "cases")
        {
            // The member index is not projected from events (they carry no hashes): it is made again from the sealed details.
            var privacy = host.Services.GetRequiredService<IConfiguration>().GetSection("Privacy").Get<PrivacySettings>() ?? new();
            var indexed = await MemberRehash.ReindexAsync(store, host.Services.GetRequiredService<IPersonalKeyStore>(), new KeyedHash(privacy), cancellationToken);
            AnsiConsole.MarkupLine($"indexed {indexed:N0} members from their sealed details (the erased are not found)");
        }
        await host.StopAsync(cancellationToken);
        return 0;
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/health/live", cancellationToken)).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }
}
