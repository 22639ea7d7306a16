using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// Waits for RabbitMQ before the bus starts, so a service started ahead of its broker comes up
/// in order instead of logging connection failures. After the wait the bus's own reconnect loop
/// takes over (and /health/ready reports the bus until it connects).
/// </summary>
internal sealed class BrokerBootstrapper(BrokerAddress broker, ILogger<BrokerBootstrapper> logger) : IHostedLifecycleService
{
    private static readonly ResiliencePipeline WaitForBroker = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<BrokerUnreachableException>().Handle<OperationInterruptedException>()
                .Handle<System.Net.Sockets.SocketException>().Handle<TimeoutException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 30, // about two minutes
        })
        .Build();

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitForBroker.ExecuteAsync(async token =>
            {
                var factory = new ConnectionFactory { Uri = broker.Uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
                await using var connection = await factory.CreateConnectionAsync("fivesoc-startup-probe", token);
            }, cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or TimeoutException)
        {
            logger.LogWarning(e, "RabbitMQ at {Host}:{Port} is still unreachable; starting anyway, the bus keeps reconnecting",
                broker.Uri.Host, broker.Uri.Port);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The broker this service talks to (from ConnectionStrings:RabbitMq).</summary>
public sealed record BrokerAddress(Uri Uri);
