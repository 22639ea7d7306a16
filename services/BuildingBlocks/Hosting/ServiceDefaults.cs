using System.Text.Json.Serialization;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FiveSocieties.BuildingBlocks.Hosting;

public static class ServiceDefaults
{
    private const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Everything a FiveSocieties host has in common: its identity and port, OpenTelemetry,
    /// health checks, problem details, JSON conventions, OpenAPI, JWT auth, resilient
    /// outbound HTTP, the clock and the stations' calendar. A service calls this, then its own
    /// AddXxxService (its store, sweeps and consumers), then maps its endpoints.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string name, int defaultPort)
    {
        builder.AddHostDefaults(name, defaultPort);
        builder.Services.AddOpenApi(options => options.DescribeTheSharedContract());
        builder.AddStationAuth();
        builder.AddHardening();
        builder.AddLocalCalendar();
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"])
            .AddCheck<DaemonHealthCheck>("daemon", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// What every host has, event-sourced service or not (the Web host too): identity and port,
    /// request limits, logging, JSON conventions, problem details, resilient outbound HTTP, the
    /// clock, health checks and OpenTelemetry.
    /// </summary>
    public static WebApplicationBuilder AddHostDefaults(this WebApplicationBuilder builder, string name, int defaultPort)
    {
        var identity = builder.UseServiceIdentity(name, defaultPort);
        builder.Services.AddProductionSecretsGuard();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{defaultPort}");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = RequestGuards.KestrelRequestLineLimit;
        });
        // Marten narrates every schema statement at Information; keep its warnings and errors.
        builder.Logging.AddFilter("Marten", LogLevel.Warning);
        builder.Logging.AddFilter("JasperFx", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Outside development, one JSON object per line with scopes (trace and span ids) for the log pipeline.
        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A number is a JSON number both ways: the web default also reads "5", which the OpenAPI
            // documents must then describe as integer-or-string, and every generated client type with it.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddTextCatalogue(SharedTexts.Catalogue);
        builder.Services.TryAddSingleton(services => new TextCatalogues(services.GetServices<TextCatalogue>()));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                ?? context.HttpContext.TraceIdentifier;
            SharedTexts.SayStatusInReaderLanguage(context.HttpContext, context.ProblemDetails);
        });
        builder.Services.AddExceptionHandler<ProblemDetailsMapping>();
        // Outside Development the framework answers an unreadable body or parameter with a bare
        // status code; thrown instead, it reaches ProblemDetailsMapping, which names the field (or the limit).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddHttpClient();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.AddTelemetry(identity);
        return builder;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, ServiceIdentity identity)
    {
        // Export only where a collector is configured (e.g. Jaeger in docker-compose).
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"fivesoc-{identity.Name}"))
            .WithTracing(tracing =>
            {
                // Requests, messages, the relay and the inbox always have spans: their trace ids go into
                // every log line and on to the next service in each message's headers.
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource("MassTransit", IntegrationEventRelay.ActivitySource.Name, InboxTracing.SourceName);
                // A span per database batch only where it is exported: Npgsql puts the batch's whole SQL
                // text in each (about an eighth of what the Notifications service allocates under load).
                if (exporting) tracing.AddSource("Npgsql", "Marten");
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Marten", "MassTransit", "FiveSocieties.*"));
        if (exporting) telemetry.UseOtlpExporter();
    }

    /// <summary>Health, OpenAPI and the error pipeline; the service maps its own routes after this.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseRequestTargetLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseEmptyIdRefusal();
        // Buffer JSON bodies (bounded by the size limit) so a 400 can name every bad field, and read
        // them here — inside the exception handler, once the caller is known and within its budget:
        // a body over the limit then answers 413 problem details naming the limit. Read first by an
        // endpoint, the framework takes the limit's exception for a broken connection and Kestrel
        // answers a bare 413.
        app.Use(async (http, next) =>
        {
            if (http.Request.HasJsonContentType())
            {
                http.Request.EnableBuffering();
                await http.Request.Body.DrainAsync(http.RequestAborted);
                http.Request.Body.Position = 0;
            }
            await next(http);
        });
        app.MapHealthEndpoints();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>/health/live (the process answers) and /health/ready (the checks tagged "ready" pass), open to anyone.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
