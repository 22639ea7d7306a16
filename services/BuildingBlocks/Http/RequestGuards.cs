using FiveSocieties.BuildingBlocks.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// Refuses, before any endpoint runs, the requests no endpoint could serve: a URL longer than a
/// service reads (414) and a route naming the all-zero id, which no record has (404). Both are
/// thrown to <see cref="ProblemDetailsMapping"/>, so they answer problem details like every other refusal.
/// </summary>
public static class RequestGuards
{
    /// <summary>The longest request target (path and query string) a service reads.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>
    /// Kestrel answers a request line over its own limit with a bare 414 before the app sees it;
    /// set above <see cref="MaxRequestTargetLength"/> so that, up to this size, the app explains it.
    /// </summary>
    public const int KestrelRequestLineLimit = 64 * 1024;

    public static WebApplication UseRequestTargetLimit(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
            var length = target?.Length ?? (http.Request.Path.Value?.Length ?? 0) + (http.Request.QueryString.Value?.Length ?? 0);
            if (length > MaxRequestTargetLength)
                throw new BadHttpRequestException(
                    $"The URL is {length} characters long; this service reads at most {MaxRequestTargetLength}.",
                    StatusCodes.Status414UriTooLong);
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// After authorization, so that a caller without the right to the route still hears 401/403
    /// rather than learning anything from the id.
    /// </summary>
    public static WebApplication UseEmptyIdRefusal(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            foreach (var (name, value) in http.Request.RouteValues)
                if (value is string text && Guid.TryParse(text, out var id) && id == Guid.Empty)
                    throw new RecordNotFound(KindNamedBefore(http.GetEndpoint() as RouteEndpoint, name), id);
            return next(http);
        });
        return app;
    }

    /// <summary>The record kind a route parameter names, from the literal before it: "/deliveries/{id}" → "Delivery".</summary>
    private static string KindNamedBefore(RouteEndpoint? endpoint, string parameter)
    {
        var segments = endpoint?.RoutePattern.PathSegments ?? [];
        for (var i = 1; i < segments.Count; i++)
        {
            if (!segments[i].Parts.Any(p => p is RoutePatternParameterPart { Name: var n } && n == parameter))
                continue;
            if (segments[i - 1].Parts is [RoutePatternLiteralPart { Content: { Length: > 1 } literal }])
            {
                var singular = literal.EndsWith("ies", StringComparison.Ordinal) ? literal[..^3] + "y"
                    : literal.EndsWith('s') ? literal[..^1]
                    : literal;
                return char.ToUpperInvariant(singular[0]) + singular[1..];
            }
        }
        return "Record";
    }
}
