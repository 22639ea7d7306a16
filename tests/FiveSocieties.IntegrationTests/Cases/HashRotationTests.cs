using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.Cases.Households.Rehashing;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Rotating the keyed hash's secret: someone registered under v1 is still found, and still met as a
/// duplicate, once v2 is current with v1 kept; after the re-index, with v1 dropped, too.
/// </summary>
public sealed class HashRotationTests : IAsyncLifetime
{
    private const string Address = "南河堡村三组12号", OtherAddress = "南河堡村一组3号";
    private readonly TestIsolation _isolation = new();
    private readonly Guid _station = Guid.NewGuid();
    private readonly string _v1 = "v1-" + Guid.NewGuid().ToString("N");
    private readonly string _v2 = "v2-" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => _isolation.InitializeAsync();

    public Task DisposeAsync() => _isolation.DisposeAsync();

    private Task<ServiceHost<Case>> CasesAsync(params (string Setting, string Secret)[] secrets) =>
        new ServiceHost<Case>("cases", _isolation, settings: secrets.ToDictionary(s => s.Setting, s => s.Secret)).StartAsync();

    private HttpClient Caseworker(ServiceHost<Case> cases) => cases.ClientAs(Roles.Caseworker, stationId: _station);

    private static async Task<JsonElement> RegisterAsync(HttpClient client, string name, string? idNumber, string phone, string address = Address) =>
        await Json(await client.PostAsJsonAsync("/households", new
        {
            address,
            location = new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid = "NHB-03" },
            members = new[] { new { memberId = Guid.NewGuid(), name, relationToHead = "Self", gender = "Female", birthDate = "1945-03-12", idNumber, phone } },
        }));

    /// <summary>The members the queries find, one list per query.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<Guid>>> FoundAsync(HttpClient client, params string[] queries)
    {
        var found = new List<IReadOnlyList<Guid>>();
        foreach (var q in queries)
            found.Add([.. (await Json(await client.PostAsJsonAsync("/clients/search", new { q }))).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("memberId").GetGuid())]);
        return found;
    }

    private static IReadOnlyList<(Guid LikelySameAs, string? Reason)> Duplicates(JsonElement registered) =>
        [.. registered.GetProperty("possibleDuplicates").EnumerateArray().Select(d => (d.GetProperty("likelySameAsMemberId").GetGuid(), d.GetProperty("reason").GetString()))];

    [Fact]
    public async Task Someone_registered_under_v1_is_found_and_met_as_a_duplicate_under_v2_and_after_the_rehash_without_v1()
    {
        var idNumber = ResidentIdNumber.WithCheckDigit("14022219450312" + Random.Shared.Next(100, 1000));
        var (name, phone) = ("孙秀英", "139" + Random.Shared.Next(10_000_000, 100_000_000));
        Guid member, merged;
        await using (var cases = await CasesAsync(("Privacy:HashSecret", _v1)))
        {
            var registered = await RegisterAsync(Caseworker(cases), name, idNumber, phone);
            member = registered.GetProperty("memberIds").EnumerateArray().Single().GetGuid();
            // Someone registered at another address whose household then joins the first: hashed with the address they were registered at.
            var other = await RegisterAsync(Caseworker(cases), "李春花", null, "13600000000", OtherAddress);
            merged = other.GetProperty("memberIds").EnumerateArray().Single().GetGuid();
            (await Caseworker(cases).PostAsJsonAsync($"/households/{registered.GetProperty("householdId").GetGuid()}/merge",
                new { otherId = other.GetProperty("householdId").GetGuid() })).EnsureSuccessStatusCode();
        }

        // v2 alone cannot find what v1 hashed: the rotation below is what keeps them found.
        await using (var cases = await CasesAsync(("Privacy:HashSecrets:v2", _v2)))
            (await FoundAsync(Caseworker(cases), idNumber, name, phone)).ShouldAllBe(found => found.Count == 0);

        await using (var cases = await CasesAsync(("Privacy:HashSecret", _v1), ("Privacy:HashSecrets:v2", _v2)))
        {
            cases.Services.GetRequiredService<KeyedHash>().Version.ShouldBe(2);
            (await FoundAsync(Caseworker(cases), idNumber, name, phone)).ShouldAllBe(found => found.SequenceEqual(new[] { member }));
            Duplicates(await RegisterAsync(Caseworker(cases), "张桂兰", idNumber, "13700000000")).ShouldBe([(member, "SameIdNumber")]);
            Duplicates(await RegisterAsync(Caseworker(cases), "孙秀瑛", null, "13700000001")).ShouldBe([(member, "SimilarNameSameBirthDateAndAddress")]);

            var store = cases.Services.GetRequiredService<IDocumentStore>();
            var hash = cases.Services.GetRequiredService<KeyedHash>();
            var keys = cases.Services.GetRequiredService<IPersonalKeyStore>();
            var rehashed = await MemberRehash.RunAsync(store, keys, hash, default);
            rehashed.ShouldBe(new RehashReport(Households: 1, Members: 2, Unreadable: 0), "only the two registered under v1, in one household since the merge");
            (await MemberRehash.RunAsync(store, keys, hash, default)).ShouldBe(new RehashReport(0, 0, 0), "a second run finds nothing left");
        }

        await using (var cases = await CasesAsync(("Privacy:HashSecrets:v2", _v2)))
        {
            // The ID number finds the one registered under v2 with it as well.
            (await FoundAsync(Caseworker(cases), idNumber, name, phone)).ShouldAllBe(found => found.Contains(member));
            var again = Duplicates(await RegisterAsync(Caseworker(cases), "孙秀英", idNumber, phone));
            again.ShouldContain((member, "SameIdNumber"));
            (await FoundAsync(Caseworker(cases), "李春花")).ShouldAllBe(found => found.SequenceEqual(new[] { merged }));
            Duplicates(await RegisterAsync(Caseworker(cases), "李春华", null, "13600000001", OtherAddress)).ShouldBe([(merged, "SimilarNameSameBirthDateAndAddress")]);
        }
    }
}
