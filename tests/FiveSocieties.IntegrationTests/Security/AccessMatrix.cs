using System.Net;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>One route of a service and the roles its endpoint admits (empty: anonymous).</summary>
public sealed record RouteRule(string Method, string Template, IReadOnlySet<string> Roles, bool Anonymous)
{
    public string Route => $"{Method} {Template}";
}

/// <summary>
/// Reads each service's authorization rules off its endpoints (the RequireRoles / AllowAnonymous
/// metadata that the route declarations carry), renders them as the service's ACCESS.md table,
/// and probes every route with a token of every role.
/// </summary>
public static class AccessMatrix
{
    public static IReadOnlyList<RouteRule> Rules(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new RouteRule(
                method,
                "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>()
                    .SelectMany(r => r.AllowedRoles).ToHashSet(StringComparer.Ordinal),
                endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Where(rule => rule.Method != "OPTIONS")
            .OrderBy(rule => rule.Template, StringComparer.Ordinal).ThenBy(rule => rule.Method, StringComparer.Ordinal)
            .ToList();

    public static string Markdown(string service, IReadOnlyList<RouteRule> rules)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Who may call what: the {service} service");
        text.AppendLine();
        text.AppendLine("Generated from the endpoints' own authorization metadata by `AccessMatrixTests` (set");
        text.AppendLine("`FIVESOC_WRITE_ACCESS_MATRIX=1` and run it to rewrite); the test fails when this file and the code disagree.");
        text.AppendLine("✓ = the role may call the route (its scope — own station, own tasks, own referrals, own inbox — is then");
        text.AppendLine("checked by the endpoint: another station's record answers 404, a forbidden action 403); — = 403.");
        text.AppendLine();
        text.AppendLine("| route | " + string.Join(" | ", Roles.All) + " |");
        text.AppendLine("|---|" + string.Concat(Roles.All.Select(_ => "---|")));
        foreach (var rule in rules)
        {
            var cells = Roles.All.Select(role => rule.Anonymous ? "anyone" : rule.Roles.Contains(role) ? "✓" : "—");
            text.AppendLine($"| `{rule.Route}` | " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }

    /// <summary>A concrete path for a route template: fresh GUIDs for ids, plausible codes for the rest.</summary>
    public static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[^}:]+)(:(?<constraint>[^}]+))?\}", match =>
            match.Groups["constraint"].Value.StartsWith("guid", StringComparison.Ordinal) || match.Groups["name"].Value.EndsWith("Id", StringComparison.Ordinal)
                || match.Groups["name"].Value == "id"
                ? Guid.NewGuid().ToString()
                : match.Groups["name"].Value == "code" ? "140213" : "x");

    /// <summary>
    /// Whether the answer says "your role may not call this": a 403 from the authorization layer,
    /// which carries no detail — a scope refusal by the endpoint explains itself in "detail".
    /// </summary>
    public static async Task<bool> IsRoleRefusal(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden) return false;
        var body = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(body)) return true;
        try
        {
            using var problem = JsonDocument.Parse(body);
            return !problem.RootElement.TryGetProperty("detail", out _);
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
