using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FiveSocieties.BuildingBlocks.Hosting;

/// <summary>How much one user and one address may ask of a service (token buckets, per second).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests per second a signed-in user may sustain, and the burst above it.</summary>
    public int PerUserPerSecond { get; set; } = 200;
    public int PerUserBurst { get; set; } = 600;

    /// <summary>Requests per second one client address may sustain (all its users together), and the burst.</summary>
    public int PerAddressPerSecond { get; set; } = 2000;
    public int PerAddressBurst { get; set; } = 5000;

    /// <summary>
    /// How often the buckets refill by their per-second figures. A second in service; a test stretches
    /// it so that no refill lands mid-test on a slow machine (the limiter runs on a real timer).
    /// </summary>
    public TimeSpan RefillPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The protections every service has in front of its routes: rate limits per user and per
/// address (429 with Retry-After), security headers, and no cross-origin access unless an
/// origin is configured (Cors:AllowedOrigins). Request bodies are capped in ServiceDefaults.
/// </summary>
public static class Hardening
{
    private const string CorsPolicy = "configured-origins";

    public static Microsoft.Extensions.Hosting.IHostApplicationBuilder AddHardening(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimiting"));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                {
                    var limits = Limits(http);
                    return Bucket("address:" + (http.Connection.RemoteIpAddress ?? IPAddress.None),
                        limits.PerAddressPerSecond, limits.PerAddressBurst, limits.RefillPeriod);
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                {
                    var limits = Limits(http);
                    var user = http.User.Identity?.IsAuthenticated == true
                        ? http.User.FindFirst(ClaimNames.Subject)?.Value
                        : null;
                    return user is null
                        ? RateLimitPartition.GetNoLimiter("anonymous")
                        : Bucket("user:" + user, limits.PerUserPerSecond, limits.PerUserBurst, limits.RefillPeriod);
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var language = http.AnswerInReaderLanguage();
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: SharedTexts.TooManyRequests.In(language),
                    detail: SharedTexts.TooManyRequestsDetail.In(language),
                    extensions: new Dictionary<string, object?> { ["rule"] = "rate-limit" })
                    .ExecuteAsync(http);
            };
        });

        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            // Closed by default: with no configured origin no cross-origin request is allowed.
            if (origins.Length > 0) policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod();
        }));
        return builder;
    }

    /// <summary>Security headers and CORS; MapServiceDefaults adds the rate limiter after authentication, so users are known.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers.CacheControl = "no-store";
            return next(http);
        });
        app.UseCors(CorsPolicy);
        return app;
    }

    private static RateLimitSettings Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst, TimeSpan refill) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
