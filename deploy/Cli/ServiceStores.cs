using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.Cases;
using FiveSocieties.Matching;
using FiveSocieties.Notifications;
using FiveSocieties.Volunteers;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.Cli;

/// <summary>Each service's store, opened from the command line exactly as the service configures it, with no daemon.</summary>
public static class ServiceStores
{
    public static readonly IReadOnlyDictionary<string, Action<StoreOptions>> All = new Dictionary<string, Action<StoreOptions>>
    {
        // The service's calendar is configurable; the tools count days in the default one.
        ["cases"] = store => store.AddCasesStore(LocalCalendar.For(LocalCalendar.DefaultTimeZone)),
        ["matching"] = store => store.AddMatchingStore(),
        ["volunteers"] = store => store.AddVolunteersStore(),
        ["notifications"] = store => store.AddNotificationsStore(),
    };

    /// <summary>
    /// A host holding <paramref name="service"/>'s store. One that only reads (<paramref name="changesSchema"/>
    /// false) never creates a database or migrates a schema: that is the deployment's job.
    /// </summary>
    public static IHost Host(string service, string? database = null, bool changesSchema = false)
    {
        var builder = WorkerHost.CreateBuilder(service, [
            new("ConnectionStrings:Postgres", Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? LocalDefaults.Postgres),
            new("EventStore:Database", database ?? $"fivesoc_{service}"),
            new("EventStore:DaemonMode", "Disabled"),
            new("EventStore:CreateSchemaAtStart", changesSchema ? "true" : "false"),
        ]);
        // Marten's own log of a failed command would repeat what the command reports (and, for a table
        // not there yet because nothing was ever dead-lettered, report as an error what is not one).
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Marten", LogLevel.Critical);
        builder.AddEventStore(All[service]);
        // The service's keys, for commands that open sealed values (rehash).
        builder.AddKeyStore();
        return builder.Build();
    }
}
