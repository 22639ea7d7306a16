// fivesoc-bench: the benchmarks. Each prints its figures next to the raw ceilings measured in the
// same run (the machine is shared and noisy: compare ratios) and writes a report to .local/bench/.
using FiveSocieties.Bench;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fivesoc-bench");
    config.AddCommand<BackboneBenchCommand>("backbone")
        .WithDescription("Event appends and the relay against raw PostgreSQL and RabbitMQ ceilings.");
    config.AddCommand<DispatchBenchCommand>("dispatch").WithDescription("The dispatch planner on 5,000 deliveries and 500 volunteers against OR-Tools.");
    config.AddCommand<NotificationsBenchCommand>("notifications")
        .WithDescription("Notifications to 1,000 SSE clients: source-event-to-SSE latency, throughput, service memory.");
    config.AddCommand<CityBenchCommand>("city")
        .WithDescription("End to end: needs raised over HTTP until the caseworker's notification arrives on SSE, at rising rates.");
    config.AddCommand<MatchingBenchCommand>("matching")
        .WithDescription("Matching engine: incremental latency at 100k needs / 10k offers; batch assignment vs the exact optimum.");
    config.AddCommand<CasesBenchCommand>("cases")
        .WithDescription("100k cases / 1M events: GET /cases/{id} and caseload p99, dashboard and situation map, projection rebuild rate.");
    config.AddCommand<WorkbenchBenchCommand>("workbench")
        .WithDescription("The station workbench in chromium on the demo city: time until each page is usable, initial JavaScript size.");
    config.AddCommand<MemoryBenchCommand>("memory")
        .WithDescription("Each service's resident memory when idle.");
});
return await app.RunAsync(args);
