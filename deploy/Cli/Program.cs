// fivesoc: the operator's command line. Development tokens, service health; later seeding,
// simulation and benchmarks.
using FiveSocieties.Cli;
using FiveSocieties.Cli.Bench;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fivesoc");
    config.AddCommand<TokenCommand>("token").WithDescription("Print a development JWT for a role, user and station.");
    config.AddCommand<StatusCommand>("status").WithDescription("Print every service's readiness.");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks: figures next to raw ceilings measured in the same run.");
        bench.AddCommand<BackboneBenchCommand>("backbone")
            .WithDescription("Event appends and the relay against raw PostgreSQL and RabbitMQ ceilings.");
        bench.AddCommand<CasesBenchCommand>("cases")
            .WithDescription("100k cases / 1M events: GET /cases/{id} and caseload p99, dashboard and situation map, projection rebuild rate.");
        bench.AddCommand<MemoryBenchCommand>("memory")
            .WithDescription("Each service's resident memory when idle.");
    });
});
return await app.RunAsync(args);
