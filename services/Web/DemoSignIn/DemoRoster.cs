using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Web.DemoSignIn;

/// <summary>One person of the rosters, as the demo sign-in lists them; a provider's person names the provider they act for.</summary>
public sealed record DemoPerson(
    Guid PersonId, string Name, string Role, Guid? StationId, string? StationName, string DistrictCode, Guid? ProviderId = null);

/// <summary>
/// Development only: everyone on the stations' and districts' staff rosters, read from Cases as
/// an admin, and a few active volunteers of each station from Volunteers, so a demo can be walked
/// through as each of them, and a person for a few providers serving each district from Matching.
/// Kept for a short while: the list costs a call per station.
/// </summary>
public sealed class DemoRoster(IHttpClientFactory clients, AuthSettings auth, TimeProvider clock, ILogger<DemoRoster> logger)
{
    public const string CasesClient = "cases-rosters";
    public const string VolunteersClient = "volunteers-rosters";
    public const string MatchingClient = "matching-providers";
    /// <summary>Enough to try the provider's portal: one canteen, one charity …</summary>
    private const int ProvidersPerDistrict = 3;
    /// <summary>A provider's demo person has an id derived from the provider's: the same person every time.</summary>
    private static readonly Guid ProviderPeople = Guid.Parse("0b9d3f4e-6a2c-4e8b-9f1d-2c5a7e3b9d10");
    /// <summary>Enough to try the volunteer's view; a demo city has hundreds.</summary>
    private const int VolunteersPerStation = 5;
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);
    /// <summary>Who the roster reads are made as (a fixed id, so the audit shows one reader).</summary>
    private static readonly Guid RosterReader = Guid.Parse("5b1e0d7e-2c3a-4f51-9a0e-7d0c5e1a0b01");
    private const int PageSize = 100;
    private const int CallsAtOnce = 8;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<DemoPerson> People)? _kept;

    public async Task<IReadOnlyList<DemoPerson>> PeopleAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } people) return people;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loaded) return loaded;
            var read = await ReadAsync(cancellationToken);
            _kept = (clock.GetUtcNow(), read);
            return read;
        }
        finally
        {
            _loading.Release();
        }
    }

    private IReadOnlyList<DemoPerson>? Fresh() =>
        _kept is { } kept && clock.GetUtcNow() - kept.At < KeptFor ? kept.People : null;

    private async Task<IReadOnlyList<DemoPerson>> ReadAsync(CancellationToken cancellationToken)
    {
        var token = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(auth, RosterReader, [Roles.Admin], name: "web demo sign-in", lifetime: TimeSpan.FromMinutes(5)));
        using var cases = clients.CreateClient(CasesClient);
        cases.DefaultRequestHeaders.Authorization = token;

        var stations = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var listed = await cases.GetFromJsonAsync<JsonElement>($"/stations?page={page}&pageSize={PageSize}", cancellationToken);
            var items = listed.GetProperty("items").EnumerateArray().ToList();
            stations.AddRange(items);
            if (items.Count < PageSize || stations.Count >= listed.GetProperty("total").GetInt64()) break;
        }

        var people = new List<DemoPerson>();
        var rosters = await ForEachAsync(stations, async station =>
        {
            var id = station.GetProperty("id").GetGuid();
            var name = station.GetProperty("name").GetString();
            var roster = await RosterAsync(cases, $"/stations/{id}/staff", cancellationToken);
            return roster.Select(m => Person(m, id, name, station.GetProperty("districtCode").GetString()!)).ToList();
        });
        people.AddRange(rosters.SelectMany(r => r));

        var districts = stations.Select(s => s.GetProperty("districtCode").GetString()!).Distinct().ToList();
        var officers = await ForEachAsync(districts, async code =>
            (await RosterAsync(cases, $"/districts/{code}/staff", cancellationToken)).Select(m => Person(m, null, null, code)).ToList());
        people.AddRange(officers.SelectMany(o => o));
        people.AddRange(await VolunteersAsync(stations, token, cancellationToken));
        people.AddRange(await ProvidersAsync(districts, token, cancellationToken));

        return people.DistinctBy(p => p.PersonId)
            .OrderBy(p => p.DistrictCode, StringComparer.Ordinal).ThenBy(p => p.StationName, StringComparer.Ordinal)
            .ThenBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A few active volunteers of each station. Without the Volunteers service the staff can still
    /// sign in: its volunteers are left out and the log says why.
    /// </summary>
    private async Task<IReadOnlyList<DemoPerson>> VolunteersAsync(
        IReadOnlyList<JsonElement> stations, AuthenticationHeaderValue token, CancellationToken cancellationToken)
    {
        using var volunteers = clients.CreateClient(VolunteersClient);
        volunteers.DefaultRequestHeaders.Authorization = token;
        try
        {
            var lists = await ForEachAsync(stations, async station =>
            {
                var id = station.GetProperty("id").GetGuid();
                var listed = await volunteers.GetFromJsonAsync<JsonElement>(
                    $"/volunteers?stationId={id}&status=Active&pageSize={VolunteersPerStation}", cancellationToken);
                return listed.GetProperty("items").EnumerateArray().Select(v => new DemoPerson(
                    v.GetProperty("id").GetGuid(), v.GetProperty("name").GetString()!, Roles.Volunteer, id,
                    station.GetProperty("name").GetString(), station.GetProperty("districtCode").GetString()!)).ToList();
            });
            return lists.SelectMany(l => l).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The demo sign-in lists no volunteers: the Volunteers service did not answer");
            return [];
        }
    }

    /// <summary>
    /// A person for each of a few providers whose service area lies in a district with stations, so a
    /// canteen or charity can be walked through too. Without Matching the staff can still sign in.
    /// </summary>
    private async Task<IReadOnlyList<DemoPerson>> ProvidersAsync(
        IReadOnlyList<string> districts, AuthenticationHeaderValue token, CancellationToken cancellationToken)
    {
        using var matching = clients.CreateClient(MatchingClient);
        matching.DefaultRequestHeaders.Authorization = token;
        try
        {
            var providers = await matching.GetFromJsonAsync<JsonElement>("/providers", cancellationToken);
            var served = districts.ToHashSet(StringComparer.Ordinal);
            return providers.EnumerateArray()
                .Select(p => (Provider: p, District: DistrictOf(p.GetProperty("area"), served)))
                .Where(p => p.District is not null)
                .GroupBy(p => p.District!, StringComparer.Ordinal)
                .SelectMany(g => g.Take(ProvidersPerDistrict))
                .Select(p =>
                {
                    var id = p.Provider.GetProperty("id").GetGuid();
                    return new DemoPerson(NameBasedGuid.Create(ProviderPeople, id.ToString()), p.Provider.GetProperty("name").GetString()!,
                        Roles.Provider, null, null, p.District!, id);
                }).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The demo sign-in lists no providers: the Matching service did not answer");
            return [];
        }
    }

    /// <summary>The first district with stations a provider's area names, by its districts or its townships' (9-digit codes: district + 3).</summary>
    private static string? DistrictOf(JsonElement area, IReadOnlySet<string> served)
    {
        var named = area.GetProperty("districts").EnumerateArray().Select(d => d.GetString() ?? "")
            .Concat(area.GetProperty("townships").EnumerateArray().Select(t => t.GetString() is { Length: >= 6 } code ? code[..6] : ""));
        return named.FirstOrDefault(served.Contains);
    }

    /// <summary>A roster's members; a district whose townships were never registered has no roster (404): nobody.</summary>
    private static async Task<IReadOnlyList<JsonElement>> RosterAsync(HttpClient cases, string path, CancellationToken cancellationToken)
    {
        using var response = await cases.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        var roster = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return roster.GetProperty("staff").EnumerateArray().ToList();
    }

    private static DemoPerson Person(JsonElement member, Guid? stationId, string? stationName, string districtCode)
    {
        var personId = member.GetProperty("personId").GetGuid();
        var role = RoleOf(member.GetProperty("role").GetString());
        var name = member.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } given ? given : $"{role} {personId.ToString()[..8]}";
        return new DemoPerson(personId, name, role, stationId, stationName, districtCode);
    }

    /// <summary>The roster's role (StaffRole, as Cases writes it) as the token's role claim.</summary>
    private static string RoleOf(string? staffRole) => staffRole switch
    {
        "Caseworker" => Roles.Caseworker,
        "Supervisor" => Roles.Supervisor,
        "Coordinator" => Roles.Coordinator,
        "DistrictOfficer" => Roles.DistrictOfficer,
        _ => throw new InvalidOperationException($"Cases listed an unknown roster role '{staffRole}'."),
    };

    private static async Task<IReadOnlyList<T>> ForEachAsync<TIn, T>(IReadOnlyList<TIn> items, Func<TIn, Task<T>> read)
    {
        using var gate = new SemaphoreSlim(CallsAtOnce);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try { return await read(item); }
            finally { gate.Release(); }
        }));
    }
}
