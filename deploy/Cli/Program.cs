// fivesoc: the operator's command line. Development tokens, service health; later seeding,
// simulation and benchmarks.
using FiveSocieties.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fivesoc");
    config.AddCommand<TokenCommand>("token").WithDescription("Print a development JWT for a role, user and station.");
    config.AddCommand<StatusCommand>("status").WithDescription("Print every service's readiness.");
    config.AddCommand<BenchBackboneCommand>("bench-backbone")
        .WithDescription("Measure event appends and the relay against raw PostgreSQL and RabbitMQ ceilings.");
});
return await app.RunAsync(args);
