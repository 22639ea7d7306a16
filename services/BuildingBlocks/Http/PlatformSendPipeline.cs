using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// How a message goes to a messaging platform (SMS, WeChat): tried again with jittered back-off on
/// what may pass (a network error, a timeout, an unreadable answer, a refusal the platform calls
/// transient), never on a final refusal, each try within its timeout.
/// </summary>
public static class PlatformSendPipeline
{
    public static ResiliencePipeline<TResult> For<TResult>(int retries, TimeSpan baseDelay, TimeSpan timeout, Func<TResult, bool> transientRefusal) =>
        new ResiliencePipelineBuilder<TResult>()
            .AddRetry(new RetryStrategyOptions<TResult>
            {
                ShouldHandle = new PredicateBuilder<TResult>()
                    .Handle<HttpRequestException>().Handle<TimeoutRejectedException>().Handle<JsonException>()
                    .HandleResult(transientRefusal),
                MaxRetryAttempts = Math.Max(0, retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
            })
            .AddTimeout(timeout)
            .Build();
}
