// fivesoc: the operator's command line. Development tokens, service health, the demo city, its
// simulation, read-model rebuilds and what got stuck (errors); the benchmarks are fivesoc-bench (deploy/Bench).
using FiveSocieties.Cli;
using FiveSocieties.Cli.Errors;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fivesoc");
    config.AddCommand<TokenCommand>("token").WithDescription("Print a development JWT for a role, user and station.");
    config.AddCommand<StatusCommand>("status").WithDescription("Print every service's readiness.");
    config.AddCommand<FiveSocieties.Cli.Seed.SeedCommand>("seed").WithDescription("Build the Datong demo city through the services' APIs (idempotent).");
    config.AddCommand<FiveSocieties.Cli.Simulate.SimulateCommand>("simulate")
        .WithDescription("Days of station life in the demo city through the services' APIs; a Markdown report with charts.");
    config.AddCommand<RebuildCommand>("rebuild")
        .WithDescription("Every read model of a service rebuilt from its events (cases, matching, volunteers, notifications; the service stopped).");
    config.AddCommand<RehashCommand>("rehash")
        .WithDescription("The Cases service's keyed hashes made again under the current version of Privacy__HashSecrets (idempotent).");
    config.AddBranch("errors", errors =>
    {
        errors.SetDescription("What did not go through: dead-lettered events, messages parked in error queues, undelivered notifications.");
        errors.SetDefaultCommand<ErrorsCommand>();
        errors.AddCommand<ErrorsCommand>("list").WithDescription("List what is stuck (the default); exits 1 when anything is.");
        errors.AddCommand<ErrorsShowCommand>("show").WithDescription("One parked message or dead letter: body, headers, the fault recorded.");
        errors.AddCommand<ErrorsReplayCommand>("replay").WithDescription("Move a parked message (or --all) back to the queue it failed in.");
        errors.AddCommand<ErrorsPurgeCommand>("purge").WithDescription("Delete a parked message or dead letter (or --all parked); needs --yes.");
    });
});
return await app.RunAsync(args);
