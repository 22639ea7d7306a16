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
    config.AddCommand<FiveSocieties.Cli.Seed.SeedCommand>("seed").WithDescription("Build the Datong demo city through the services' APIs (idempotent).");
    config.AddCommand<FiveSocieties.Cli.Simulate.SimulateCommand>("simulate")
        .WithDescription("Days of station life in the demo city through the services' APIs; a Markdown report with charts.");
    config.AddCommand<RebuildCommand>("rebuild")
        .WithDescription("Every read model of a service rebuilt from its events (cases, matching, volunteers, notifications; the service stopped).");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks: figures next to raw ceilings measured in the same run.");
        bench.AddCommand<BackboneBenchCommand>("backbone")
            .WithDescription("Event appends and the relay against raw PostgreSQL and RabbitMQ ceilings.");
        bench.AddCommand<DispatchBenchCommand>("dispatch").WithDescription("The dispatch planner on 5,000 deliveries and 500 volunteers against OR-Tools.");
        bench.AddCommand<NotificationsBenchCommand>("notifications")
            .WithDescription("Notifications to 1,000 SSE clients: source-event-to-SSE latency, throughput, service memory.");
        bench.AddCommand<CityBenchCommand>("city")
            .WithDescription("End to end: needs raised over HTTP until the caseworker's notification arrives on SSE, at rising rates.");
        bench.AddCommand<MatchingBenchCommand>("matching")
            .WithDescription("Matching engine: incremental latency at 100k needs / 10k offers; batch assignment vs the exact optimum.");
        bench.AddCommand<CasesBenchCommand>("cases")
            .WithDescription("100k cases / 1M events: GET /cases/{id} and caseload p99, dashboard and situation map, projection rebuild rate.");
        bench.AddCommand<WorkbenchBenchCommand>("workbench")
            .WithDescription("The station workbench in chromium on the demo city: time until each page is usable, initial JavaScript size.");
        bench.AddCommand<MemoryBenchCommand>("memory")
            .WithDescription("Each service's resident memory when idle.");
    });
});
return await app.RunAsync(args);
