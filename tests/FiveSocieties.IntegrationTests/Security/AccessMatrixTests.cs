using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// Issue 7's matrix: every route in every service's OpenAPI document has an explicit rule, the
/// service's ACCESS.md says what the code does, and no role gets past a route it is not listed for.
/// </summary>
public sealed class AccessMatrixTests(FourServices services) : IClassFixture<FourServices>
{
    public static TheoryData<string> Services() => ["cases", "matching", "volunteers", "notifications"];

    private (IServiceProvider Provider, Func<string, HttpClient> ClientAs, Func<HttpClient> Anonymous) Host(string service) => service switch
    {
        "cases" => (services.Cases.Services, role => Client(services.Cases, role), services.Cases.CreateClient),
        "matching" => (services.Matching.Services, role => Client(services.Matching, role), services.Matching.CreateClient),
        "volunteers" => (services.Volunteers.Services, role => Client(services.Volunteers, role), services.Volunteers.CreateClient),
        "notifications" => (services.Notifications.Services, role => Client(services.Notifications, role), services.Notifications.CreateClient),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    private static HttpClient Client<T>(ServiceHost<T> host, string role) where T : class =>
        host.ClientAs(role, Guid.NewGuid(), Guid.NewGuid(), role == Roles.Provider ? Guid.NewGuid() : null);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_route_in_the_OpenAPI_document_has_an_explicit_rule(string service)
    {
        var (provider, _, anonymous) = Host(service);
        var rules = AccessMatrix.Rules(provider);
        using var document = JsonDocument.Parse(await anonymous().GetStringAsync("/openapi/v1.json"));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();
        documented.ShouldNotBeEmpty();
        var withoutRule = documented.Where(route => !rules.Any(r => Same(r, route) && (r.Anonymous || r.Roles.Count > 0))).ToList();
        withoutRule.ShouldBeEmpty($"{service}: routes that rely on the fallback policy alone; say who may call them");
        rules.Where(r => r.Anonymous).Select(r => r.Template)
            .ShouldAllBe(t => t.StartsWith("/health/") || t.StartsWith("/openapi/") || t == "/sms/receipts/{token}" || t == "/sms/replies/{token}",
                "only health, the API description and the SMS platform's receipts and replies (which carry a shared secret instead of a token) are anonymous");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_services_ACCESS_md_is_the_matrix_the_code_enforces(string service)
    {
        var markdown = AccessMatrix.Markdown(service, AccessMatrix.Rules(Host(service).Provider).Where(r => !r.Anonymous).ToList());
        var path = Path.Combine(Repository.Root, "services", char.ToUpperInvariant(service[0]) + service[1..], "ACCESS.md");
        if (Environment.GetEnvironmentVariable("FIVESOC_WRITE_ACCESS_MATRIX") == "1") await File.WriteAllTextAsync(path, markdown);
        File.Exists(path).ShouldBeTrue($"{path} is missing; run this test with FIVESOC_WRITE_ACCESS_MATRIX=1");
        (await File.ReadAllTextAsync(path)).ReplaceLineEndings().ShouldBe(markdown.ReplaceLineEndings(),
            $"{path} is out of date; run this test with FIVESOC_WRITE_ACCESS_MATRIX=1 and review the change");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task No_role_gets_past_a_route_it_is_not_listed_for_and_listed_roles_are_let_through(string service)
    {
        var (provider, clientAs, anonymous) = Host(service);
        var failures = new List<string>();
        foreach (var rule in AccessMatrix.Rules(provider).Where(r => !r.Anonymous))
        {
            var path = AccessMatrix.Concrete(rule.Template);
            using (var response = await Send(anonymous(), rule.Method, path))
                if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{rule.Route} without a token: {(int)response.StatusCode}");
            foreach (var role in Roles.All)
            {
                using var response = await Send(clientAs(role), rule.Method, path);
                var refused = await AccessMatrix.IsRoleRefusal(response);
                if (rule.Roles.Contains(role) == refused || response.StatusCode == HttpStatusCode.Unauthorized)
                    failures.Add($"{rule.Route} as {role}: {(int)response.StatusCode}, expected {(rule.Roles.Contains(role) ? "through" : "403")}");
            }
        }
        failures.ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        // Streams (server-sent events) answer with headers first; the status is all we need.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    private static bool Same(RouteRule rule, string documented)
    {
        var space = documented.IndexOf(' ');
        var (method, path) = (documented[..space], documented[(space + 1)..]);
        return rule.Method == method && Normalise(rule.Template) == Normalise(path);
    }

    /// <summary>OpenAPI drops route constraints ("{id:guid}" becomes "{id}").</summary>
    private static string Normalise(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}:]+)(:[^}]+)?\}", "{$1}").TrimEnd('/');
}
