using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Npgsql;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// PostgreSQL unreachable under a running service (its connection cut between the two, the server
/// itself up for the rest of the run): every call answers 503 with Retry-After, never 500; the
/// service turns unready; once the connection is back a client that retries completes its write,
/// once, and the service is ready again.
/// </summary>
public sealed class DependencyOutageTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private TcpCutter _postgres = null!;
    private ServiceHost<Case> _cases = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(LocalServers.Postgres);
        _postgres = TcpCutter.To(direct.Host!, direct.Port);
        var throughTheCut = new NpgsqlConnectionStringBuilder(LocalServers.Postgres) { Host = "127.0.0.1", Port = _postgres.Port, Timeout = 3 };
        _cases = await new ServiceHost<Case>("cases", _isolation, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = throughTheCut.ConnectionString,
        }).StartAsync();
    }

    public async Task DisposeAsync()
    {
        _postgres.Restore();
        await _cases.DisposeAsync();
        await _postgres.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    [Fact]
    public async Task While_PostgreSQL_is_unreachable_calls_get_503_with_Retry_After_and_a_retried_write_lands_once_after()
    {
        var station = Guid.NewGuid();
        var caseworker = _cases.ClientAs(Roles.Caseworker, stationId: station);
        var before = await caseworker.PostAsJsonAsync("/households", Household(Guid.NewGuid()));
        before.StatusCode.ShouldBe(HttpStatusCode.Created);
        var registered = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("householdId").GetGuid();
        (await _cases.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _postgres.Cut();
        var memberId = Guid.NewGuid();
        var write = Household(memberId);
        foreach (var call in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => caseworker.PostAsJsonAsync("/households", write),
                     () => caseworker.GetAsync($"/households/{registered}"),
                     () => caseworker.PostAsJsonAsync("/clients/search", new { q = "孙秀英" }),
                 })
        {
            using var response = await call();
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("rule").GetString().ShouldBe("service.unavailable");
            problem.GetProperty("title").GetString().ShouldBe("服务暂不可用");
        }
        (await _cases.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        // Back: the client sends the same write again until it lands, as the app's queue does.
        var restored = System.Diagnostics.Stopwatch.StartNew();
        _postgres.Restore();
        var landed = await Eventually.Until(async () => (await caseworker.PostAsJsonAsync("/households", write)).StatusCode,
            status => status != HttpStatusCode.ServiceUnavailable, "the retried write once PostgreSQL is back");
        landed.ShouldBe(HttpStatusCode.Created);
        var written = restored.Elapsed;
        await Eventually.Until(async () => (await _cases.CreateClient().GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.OK, "the service ready again");
        output.WriteLine($"PostgreSQL back: the retried write landed after {written.TotalSeconds:F2} s, Cases ready after {restored.Elapsed.TotalSeconds:F2} s");

        // Once: the member is registered in one household, the one the retried write created.
        var found = await caseworker.PostAsJsonAsync("/clients/search", new { q = write.members[0].idNumber });
        (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64().ShouldBe(1);
    }

    private sealed record Member(Guid memberId, string name, string relationToHead, string gender, string birthDate, string idNumber);

    private sealed record HouseholdRequest(Guid householdId, string address, object location, Member[] members);

    private static HouseholdRequest Household(Guid memberId) => new(
        Guid.NewGuid(), "南河堡村三组12号",
        new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid = "NHB-03" },
        [new Member(memberId, "孙秀英", "Self", "Female", "1945-03-12",
            FiveSocieties.Cases.Households.Registering.ResidentIdNumber.WithCheckDigit("1402221945" + Random.Shared.Next(1_000_000, 9_999_999)))]);
}
