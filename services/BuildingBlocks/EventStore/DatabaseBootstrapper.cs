using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace FiveSocieties.BuildingBlocks.EventStore;

/// <summary>
/// Waits for PostgreSQL (a service may start before its database server) and creates the
/// service's database when it is missing. Runs in the hosts' "starting" phase, before Marten
/// applies its schema and before the daemon starts.
/// </summary>
internal sealed class DatabaseBootstrapper(EventStoreDatabase database, ILogger<DatabaseBootstrapper> logger)
    : IHostedLifecycleService
{
    internal static readonly ResiliencePipeline WaitForServer = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 40, // about two minutes
        })
        .Build();

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await WaitForServer.ExecuteAsync(async token =>
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(token);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
            {
                Parameters = { new() { Value = database.Name } },
            };
            if (await exists.ExecuteScalarAsync(token) is not null) return;
            logger.LogInformation("Creating database {Database}", database.Name);
            try
            {
                await using var create = new NpgsqlCommand($"create database \"{database.Name}\"", connection);
                await create.ExecuteNonQueryAsync(token);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another host created it at the same moment.
            }
        }, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
