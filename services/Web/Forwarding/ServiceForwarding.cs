using System.Net.Http.Headers;
using FiveSocieties.Web.Sessions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace FiveSocieties.Web.Forwarding;

/// <summary>
/// /api/&lt;service&gt;/… → the service, without the prefix, as the signed-in person: their bearer
/// token replaces the session cookie, which the services never see. Accept-Language and
/// Last-Event-ID pass as the browser sent them.
/// </summary>
public static class ServiceForwarding
{
    private const string TokenItem = "fivesoc.service-token";
    private const string StreamRoute = "notifications-stream";

    public static WebApplicationBuilder AddServiceForwarding(this WebApplicationBuilder builder, WebSettings settings)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (service, addresses) in settings.Services.ByName)
        {
            routes.Add(Route(service, service, $"/api/{service}/{{**rest}}", $"/api/{service}"));
            clusters.Add(Cluster(service, addresses, ForwarderRequestConfig.Empty));
        }
        // The live inbox: open for as long as the reader stays, so no idle limit on it (the service
        // writes a keep-alive every 20 s anyway); more specific than /api/notifications/{**rest}.
        routes.Add(Route(StreamRoute, StreamRoute, "/api/notifications/inbox/stream", "/api/notifications"));
        clusters.Add(Cluster(StreamRoute, settings.Services.ByName["notifications"],
            new ForwarderRequestConfig { ActivityTimeout = Timeout.InfiniteTimeSpan }));

        // Every probe of every replica is logged at Information (several a second); failures stay visible as warnings.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Health", LogLevel.Warning);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(transforms =>
            {
                transforms.AddRequestHeaderRemove("Cookie");
                transforms.AddRequestHeaderRemove(CsrfGuard.Header);
                transforms.AddRequestTransform(context =>
                {
                    context.ProxyRequest.Headers.Authorization =
                        new AuthenticationHeaderValue("Bearer", (string)context.HttpContext.Items[TokenItem]!);
                    return ValueTask.CompletedTask;
                });
                // Services' own cookies (none today) would otherwise land on the app's origin.
                transforms.AddResponseHeaderRemove("Set-Cookie");
            });
        return builder;
    }

    public static WebApplication MapServiceForwarding(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(async (http, next) =>
            {
                if (!CsrfGuard.Allows(http))
                {
                    await CsrfGuard.RefuseAsync(http);
                    return;
                }
                if (await http.RequestServices.GetRequiredService<ServiceTokens>().ForAsync(http) is not { } token)
                {
                    await WebProblems.SignedOutAsync(http);
                    return;
                }
                http.Items[TokenItem] = token;
                await next();
                if (http.Features.Get<IForwarderErrorFeature>() is { } error && !http.Response.HasStarted && Unreachable(error.Error))
                    await ServiceDownAsync(http);
            });
            // A custom pipeline has none of YARP's own steps: without these a cluster's destinations
            // would be chosen at random and failures would never count against a replica.
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>The service could not be reached or did not answer in time (not: the browser went away).</summary>
    private static bool Unreachable(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations;

    private static Task ServiceDownAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.Headers.RetryAfter = "5";
        var service = http.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
        return WebProblems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "service.unavailable",
            ("服务暂时无法访问", "The service is not answering"),
            ($"{service} 服务暂时没有响应，请稍后重试。", $"The {service} service is not answering now; try again shortly."));
    }

    private static RouteConfig Route(string id, string cluster, string path, string prefix) =>
        new RouteConfig
        {
            RouteId = id,
            ClusterId = cluster,
            AuthorizationPolicy = SessionSetup.SignedIn,
            Match = new RouteMatch { Path = path },
        }.WithTransformPathRemovePrefix(prefix);

    /// <summary>
    /// One destination per replica, balanced by power of two choices. Each is asked /health/ready
    /// every few seconds and a replica that fails (dead, or its PostgreSQL unreachable)
    /// is left out until it answers again; failing requests (refused connections) take it out too. When every
    /// replica is unhealthy all are used anyway ("panic"): the services then answer 503 themselves.
    /// </summary>
    private static ClusterConfig Cluster(string id, IReadOnlyList<string> addresses, ForwarderRequestConfig request) => new()
    {
        ClusterId = id,
        HttpRequest = request,
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
        HealthCheck = new HealthCheckConfig
        {
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(3),
                Timeout = TimeSpan.FromSeconds(2),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(10),
            },
        },
        Destinations = addresses.Select((address, i) => (address, i))
            .ToDictionary(d => $"replica-{d.i + 1}", d => new DestinationConfig { Address = d.address }),
    };
}
