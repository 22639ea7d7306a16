using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace FiveSocieties.Notifications.Delivery.Webhooks;

/// <summary>The result of one delivery pass (all its tries).</summary>
public sealed record SendResult(bool Delivered, bool CircuitOpen, int Tries, string Detail);

/// <summary>
/// POSTs a notification to a webhook, signed: <c>X-FiveSoc-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with the Unix timestamp in <c>X-FiveSoc-Timestamp</c> (receivers reject old timestamps against replays).
/// Each endpoint has its own Polly pipeline: exponential back-off with jitter, inside it a circuit
/// breaker, so one dead endpoint stops costing tries (and other endpoints are unaffected).
/// </summary>
public sealed class WebhookSender(HttpClient http, NotificationSettings settings, TimeProvider clock)
{
    public const string TimestampHeader = "X-FiveSoc-Timestamp";
    public const string SignatureHeader = "X-FiveSoc-Signature";
    public const string NotificationHeader = "X-FiveSoc-Notification-Id";

    private readonly ResiliencePipelineRegistry<Guid> _pipelines = new();

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    public async Task<SendResult> SendAsync(Webhook webhook, string secret, Guid notificationId, string body, CancellationToken ct)
    {
        var pipeline = _pipelines.GetOrAddPipeline<HttpResponseMessage>(webhook.Id, builder => Build(builder));
        var tries = 0;
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref tries);
                // Signed per try: the timestamp is when this request was made.
                var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(TimestampHeader, timestamp.ToString());
                request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
                request.Headers.Add(NotificationHeader, notificationId.ToString());
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.Webhooks.Timeout);
                return await http.SendAsync(request, timeout.Token);
            }, ct);
            return response.IsSuccessStatusCode
                ? new SendResult(true, false, tries, $"HTTP {(int)response.StatusCode}")
                : new SendResult(false, false, tries, $"HTTP {(int)response.StatusCode} after {tries} tries");
        }
        catch (BrokenCircuitException)
        {
            return new SendResult(false, true, tries, "circuit open");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new SendResult(false, false, tries, $"{e.GetType().Name}: {e.Message} after {tries} tries");
        }
    }

    private void Build(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var failure = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TaskCanceledException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == System.Net.HttpStatusCode.TooManyRequests);
        var options = settings.Webhooks;
        builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = failure,
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = failure,
                FailureRatio = 1.0,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
            });
    }
}
