using System.ComponentModel;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Households.Rehashing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli;

/// <summary>
/// fivesoc rehash: after a new version of the keyed hash's secret was added
/// (Privacy__HashSecrets__vN, read from the environment as the service reads it), the Cases
/// service's stored hashes are made again under it. Safe while the service runs, and to repeat;
/// when it reports nothing left, the previous secret can be dropped.
/// </summary>
public sealed class RehashCommand : AsyncCommand<RehashCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--database <NAME>"), Description("the Cases service's database (default fivesoc_cases)")]
        public string? Database { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = ServiceStores.Host("cases", settings.Database);
        await host.StartAsync(cancellationToken);
        var privacy = host.Services.GetRequiredService<IConfiguration>().GetSection("Privacy").Get<PrivacySettings>() ?? new();
        var hash = new KeyedHash(privacy);
        var report = await MemberRehash.RunAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<IPersonalKeyStore>(), hash, cancellationToken);
        AnsiConsole.MarkupLine($"rehashed {report.Members:N0} members of {report.Households:N0} households under v{hash.Version}; " +
            $"{report.Unreadable:N0} members could not be opened (erased) and their hashes were deleted");
        await host.StopAsync(cancellationToken);
        return 0;
    }
}
