using System.ComponentModel;
using FiveSocieties.BuildingBlocks.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli.Seed;

/// <summary>fivesoc seed: the Datong demo city, through the running services' HTTP APIs.</summary>
public sealed class SeedCommand : AsyncCommand<SeedCommand.Settings>
{
    /// <summary>The city's options; simulate takes the same ones (it seeds the city first when needed).</summary>
    public class Settings : CommandSettings
    {
        [CommandOption("--households <N>"), DefaultValue(5000), Description("how many households (with their elders and children)")]
        public int Households { get; init; } = 5000;

        [CommandOption("--seed <N>"), DefaultValue(2026), Description("the same seed gives the same city, so a repeat adds nothing")]
        public int Seed { get; init; } = 2026;

        [CommandOption("--host <HOST>"), DefaultValue("127.0.0.1")]
        public string Host { get; init; } = "127.0.0.1";

        [CommandOption("--parallel <N>"), DefaultValue(8)]
        public int Parallel { get; init; } = 8;

        public override ValidationResult Validate() =>
            Households is < 1 or > 200_000 ? ValidationResult.Error("--households must be between 1 and 200000") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var city = DemoCityGenerator.Generate(settings.Households, settings.Seed);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Parallel * 2 };
        var seeder = new CitySeeder(ServiceClients.For(settings.Host, handler), settings.Parallel);

        SeedReport? report = null;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask? current = null;
                report = await seeder.SeedAsync(city,
                    step => { current?.StopTask(); current = progress.AddTask(step.Name, maxValue: Math.Max(1, step.Total)); },
                    n => current?.Increment(n), cancellationToken);
                current?.StopTask();
            });

        var table = new Table().AddColumns("what", "count");
        table.AddRow("city", $"{city.CityName}: {city.Districts.Count} districts, {city.TownshipCount} townships");
        table.AddRow("stations", $"{report!.Stations} ({city.Stations.Count(s => s.Registered)} registered, coverage {city.Coverage:P1})");
        table.AddRow("staff on rosters", $"{report.StaffPosts} (caseworkers, a supervisor and a coordinator per station; a duty officer per district)");
        table.AddRow("households / case files / needs", $"{report.Households} / {report.Cases} / {report.Needs}");
        table.AddRow("volunteers", $"{report.Volunteers} ({city.Volunteers.Count(v => v.IsSenior)} senior)");
        table.AddRow("providers / offers", $"{report.Providers} / {report.Offers}");
        table.AddRow("requests", $"{report.Created} created, {report.AlreadyThere} already there");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"The story village: [bold]{city.OldVillageTownship}[/]. Coverage: http://{settings.Host}:{StatusCommand.Services[0].Port}/coverage (with a token from `fivesoc token --role admin`).");
        return 0;
    }
}

/// <summary>Clients for the running services (deploy/run.sh's ports), each with a development token for its caller.</summary>
public static class ServiceClients
{
    public static ClientFactory For(string host, HttpMessageHandler handler, TimeSpan? tokenLifetime = null)
    {
        var auth = new AuthSettings { DevelopmentSigningKey = Environment.GetEnvironmentVariable("Auth__DevelopmentSigningKey") };
        var ports = StatusCommand.Services.ToDictionary(s => s.Name, s => s.Port);
        return (service, role, user, station, provider) =>
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://{host}:{ports[service]}") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Mint(auth, user, [role], station, lifetime: tokenLifetime,
                providerId: provider));
            return client;
        };
    }
}
