using System.Text;
using System.Text.RegularExpressions;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// The all-zero id names no record: every route of every service answers it with a 404 problem,
/// never a 500 (Marten refuses an empty stream id, so an endpoint that reached the store would fail).
/// </summary>
public sealed partial class EmptyIdTests(FourServices services) : IClassFixture<FourServices>
{
    public static TheoryData<string> Services() => ["cases", "matching", "volunteers", "notifications"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_route_answers_the_empty_id_in_any_of_its_ids_with_a_404_problem(string service)
    {
        var (provider, clientAs) = Host(service);
        var failures = new List<string>();
        var probed = 0;
        foreach (var rule in AccessMatrix.Rules(provider).Where(r => !r.Anonymous && r.Roles.Count > 0))
        {
            var ids = IdParameter().Matches(rule.Template).Where(IsId).Select(m => m.Value).ToList();
            // A role the route admits, so the request gets past authorization to where the id is used.
            var role = rule.Roles.Contains(Roles.Admin) ? Roles.Admin : rule.Roles.Order(StringComparer.Ordinal).First();
            foreach (var empty in ids)
            {
                var path = IdParameter().Replace(rule.Template, m =>
                    m.Value == empty ? Guid.Empty.ToString() : IsId(m) ? Guid.NewGuid().ToString() : m.Groups["name"].Value == "code" ? "140213" : "x");
                using var response = await Send(clientAs(role), rule.Method, path);
                probed++;
                var status = (int)response.StatusCode;
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (status != 404 || mediaType != "application/problem+json")
                    failures.Add($"{rule.Method} {path} as {role}: {status} {mediaType} {await response.Content.ReadAsStringAsync()}");
            }
        }
        probed.ShouldBeGreaterThan(0);
        failures.ShouldBeEmpty();
    }

    private (IServiceProvider Provider, Func<string, HttpClient> ClientAs) Host(string service) => service switch
    {
        "cases" => (services.Cases.Services, role => Client(services.Cases, role)),
        "matching" => (services.Matching.Services, role => Client(services.Matching, role)),
        "volunteers" => (services.Volunteers.Services, role => Client(services.Volunteers, role)),
        "notifications" => (services.Notifications.Services, role => Client(services.Notifications, role)),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    private static HttpClient Client<T>(ServiceHost<T> host, string role) where T : class =>
        host.ClientAs(role, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    private static bool IsId(Match parameter) =>
        parameter.Groups["constraint"].Value.StartsWith("guid", StringComparison.Ordinal)
        || parameter.Groups["name"].Value.EndsWith("Id", StringComparison.Ordinal) || parameter.Groups["name"].Value == "id";

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    [GeneratedRegex(@"\{(?<name>[^}:]+)(:(?<constraint>[^}]+))?\}")]
    private static partial Regex IdParameter();
}
