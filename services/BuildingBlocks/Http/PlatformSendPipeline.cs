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
    /// <summary>A failure on the way (network, timeout, an answer that is not the platform's JSON): tried again, and after the last try, given back.</summary>
    public static bool InTransit(Exception e) => e is HttpRequestException or TimeoutRejectedException or JsonException;

    public static ResiliencePipeline<TResult> For<TResult>(int retries, TimeSpan baseDelay, TimeSpan timeout, Func<TResult, bool> transientRefusal) =>
        new ResiliencePipelineBuilder<TResult>()
            .AddRetry(new RetryStrategyOptions<TResult>
            {
                ShouldHandle = new PredicateBuilder<TResult>().Handle<Exception>(InTransit).HandleResult(transientRefusal),
                MaxRetryAttempts = Math.Max(0, retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
            })
            .AddTimeout(timeout)
            .Build();

    /// <summary>One message through the pipeline: the platform's last answer and the tries it took, or the failure on the way after the last try.</summary>
    public static async Task<PlatformSend<TResult>> SendAsync<TResult>(
        this ResiliencePipeline<TResult> pipeline, Func<CancellationToken, Task<TResult>> once, CancellationToken ct)
    {
        var tries = 0;
        try
        {
            var answer = await pipeline.ExecuteAsync(async token =>
            {
                tries++;
                return await once(token);
            }, ct);
            return new PlatformSend<TResult>(answer, tries, null);
        }
        catch (Exception e) when (InTransit(e))
        {
            return new PlatformSend<TResult>(default, tries, e);
        }
    }
}

/// <param name="Answer">The platform's answer to the last try; default when <paramref name="Failure"/> is set.</param>
public readonly record struct PlatformSend<TResult>(TResult? Answer, int Tries, Exception? Failure);
