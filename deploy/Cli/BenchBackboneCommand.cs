using Spectre.Console.Cli;

namespace FiveSocieties.Cli;

public sealed class BenchBackboneCommand : AsyncCommand<BenchBackboneCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Task.FromResult(1);
}
