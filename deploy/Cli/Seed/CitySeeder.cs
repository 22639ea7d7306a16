// Builds a DemoCity through the four services' public HTTP APIs only, as the people of a city
// would: an administrator registers districts, stations, their staff rosters and providers; supervisors register
// their volunteers; caseworkers open the case files and raise needs. Every create carries its
// own id, so running the seeder twice adds nothing.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Cli.Seed;

/// <summary>Who is calling which service: the seeder asks for a client per caller.</summary>
public delegate HttpClient ClientFactory(string service, string role, Guid user, Guid? station = null, Guid? provider = null);

public sealed record SeedStep(string Name, int Total);

public sealed record SeedReport(int Districts, int Stations, int StaffPosts, int Providers, int Offers, int Volunteers, int Households, int Cases,
    int Needs, int Created, int AlreadyThere);

public sealed class CitySeeder(ClientFactory clients, int parallelism = 8)
{
    private static readonly Guid SeedAdmin = DemoCityGenerator.Id("user", "admin");
    private int _created;
    private int _alreadyThere;

    public async Task<SeedReport> SeedAsync(DemoCity city, Action<SeedStep>? started = null, Action<int>? advanced = null,
        CancellationToken cancellationToken = default)
    {
        async Task Step<T>(string name, IReadOnlyList<T> items, Func<T, Task> work)
        {
            started?.Invoke(new SeedStep(name, items.Count));
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (item, _) => { await work(item); advanced?.Invoke(1); });
        }

        var admin = clients("cases", Roles.Admin, SeedAdmin);
        await Step("districts and townships", city.Districts, d => Send(admin, HttpMethod.Post, $"/districts/{d.Code}/townships",
            new { districtName = d.Name, townships = d.Townships.Select(t => new { code = t.Code, name = t.Name }) }));
        await Step("stations", city.Stations, s => Send(admin, HttpMethod.Post, "/stations",
            new { stationId = s.Id, districtCode = s.DistrictCode, townshipCode = s.Township.Code, name = s.Name, registeredInNationalSystem = s.Registered }));
        var posts = city.Posts.ToLookup(p => p.StationId is { } station ? $"/stations/{station}/staff" : $"/districts/{p.DistrictCode}/staff");
        await Step("staff rosters", posts.Select(r => r.Key).ToList(), roster => SeedRosterAsync(admin, roster, posts[roster].ToList()));

        var matchingAdmin = clients("matching", Roles.Admin, SeedAdmin);
        await Step("providers", city.Providers, p => Send(matchingAdmin, HttpMethod.Post, "/providers", new
        {
            providerId = p.Id, name = p.Name, kind = p.Kind, creditCode = p.CreditCode,
            contact = new { name = "服务台", phone = "0352-1234567" }, area = new { districts = new[] { p.DistrictCode } },
        }));
        var offers = city.Providers.SelectMany(p => p.Offers.Select(o => (Provider: p, Offer: o))).ToList();
        await Step("resource offers", offers, x => Send(clients("matching", Roles.Provider, ProviderUser(x.Provider), provider: x.Provider.Id),
            HttpMethod.Post, "/offers", OfferRequest(x.Provider, x.Offer)));

        await Step("volunteers", city.Volunteers, async v =>
        {
            var supervisor = clients("volunteers", Roles.Supervisor, city.Stations.Single(s => s.Id == v.StationId).SupervisorId, v.StationId);
            await Send(supervisor, HttpMethod.Post, "/volunteers", new
            {
                volunteerId = v.Id, stationId = v.StationId, name = v.Name, phone = v.Phone, home = new { latitude = v.Latitude, longitude = v.Longitude },
                skills = v.Skills, languages = new[] { "zh-CN" }, isSenior = v.IsSenior, maxLoad = v.IsSenior ? 6 : 12,
            });
            await Send(supervisor, HttpMethod.Put, $"/volunteers/{v.Id}/availability", new
            {
                slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "09:00", to = "17:00" } },
            });
            if (v.BackgroundChecked) await Send(supervisor, HttpMethod.Post, $"/volunteers/{v.Id}/background-check", new { status = "Cleared" });
        });

        await Step("households, case files and needs", city.Households, h => SeedHouseholdAsync(city, h));

        var clientsCount = city.Households.Sum(h => h.Clients.Count);
        return new SeedReport(city.Districts.Count, city.Stations.Count, city.Posts.Count, city.Providers.Count, offers.Count, city.Volunteers.Count,
            city.Households.Count, clientsCount, city.Households.Sum(h => h.Clients.Sum(c => c.Needs.Count)), _created, _alreadyThere);
    }

    /// <summary>The provider's own staff member who posts its offers and answers its referrals.</summary>
    public static Guid ProviderUser(DemoProvider provider) => DemoCityGenerator.Id("user", "provider:" + provider.Id);

    /// <summary>POST /offers for one of a provider's offers.</summary>
    public static object OfferRequest(DemoProvider provider, DemoOffer offer) => new
    {
        offerId = offer.Id, providerId = provider.Id, category = offer.Category, title = offer.Title, capacity = offer.Capacity,
        area = new { districts = offer.Districts }, eligibility = new { clientGroups = offer.ClientGroups }, validFrom = "2026-01-01",
        servicePoint = new { latitude = offer.Latitude, longitude = offer.Longitude },
        schedule = offer.Category == "MealDelivery"
            ? new { days = Enum.GetNames<DayOfWeek>(), from = "11:00", to = "12:30" }
            : null,
    };

    /// <summary>POST /cases/{id}/consents: the client agrees that volunteers bringing meals may know who and where they are.</summary>
    public static object ConsentRequest(DemoClient client) => new
    {
        consentId = DemoCityGenerator.Id("consent", client.CaseId.ToString()), givenBy = "Client", purpose = "DeliveryDetailsSharing",
        organisations = new[] { "志愿者送餐" }, validUntil = "2027-12-31T00:00:00+08:00", dietaryNotes = client.DietaryNotes,
    };

    /// <summary>POST /cases/{id}/consents: the household agrees to be texted the evening before about tomorrow's meal.</summary>
    public static object SmsContactRequest(DemoClient client) => new
    {
        consentId = DemoCityGenerator.Id("sms-consent", client.CaseId.ToString()), givenBy = "Client", purpose = "SmsContact",
        organisations = Array.Empty<string>(), validUntil = "2027-12-31T00:00:00+08:00",
    };

    private async Task SeedHouseholdAsync(DemoCity city, DemoHousehold household)
    {
        var caseworker = clients("cases", Roles.Caseworker, household.CaseworkerId, household.StationId);
        await Send(caseworker, HttpMethod.Post, "/households", new
        {
            householdId = household.Id, address = household.Address,
            location = new
            {
                district = household.District, township = household.Township, community = household.Community, grid = household.Grid,
                latitude = household.Latitude, longitude = household.Longitude,
            },
            members = household.Members.Select(m => new
            {
                memberId = m.Id, name = m.Name, gender = m.Gender, birthDate = m.BirthDate.ToString("yyyy-MM-dd"), idNumber = m.IdNumber, phone = m.Phone,
                relationToHead = m.Relation.ToString(),
            }),
        });
        foreach (var client in household.Clients)
        {
            await Send(caseworker, HttpMethod.Post, "/cases", new
            {
                caseId = client.CaseId, stationId = household.StationId, caseworkerId = household.CaseworkerId, clientGroup = client.Group,
                categories = client.Categories, client = new { householdId = household.Id, memberId = client.MemberId },
                location = new { district = household.District, township = household.Township, grid = household.Grid },
            });
            if (client.ConsentsToDeliverySharing)
            {
                await Send(caseworker, HttpMethod.Post, $"/cases/{client.CaseId}/consents", ConsentRequest(client));
                await Send(caseworker, HttpMethod.Post, $"/cases/{client.CaseId}/consents", SmsContactRequest(client));
            }
            foreach (var need in client.Needs)
                await Send(caseworker, HttpMethod.Post, $"/cases/{client.CaseId}/needs", new
                {
                    needId = need.Id, category = need.Category, urgency = need.Urgency, recurrence = need.Recurrence, startDate = "2026-12-01",
                });
        }
    }

    /// <summary>
    /// A roster read first: joining a roster one is on is refused (staff.already-on-roster), so a
    /// post already there counts as there, one with another role is changed, the rest join.
    /// </summary>
    private async Task SeedRosterAsync(HttpClient admin, string roster, IReadOnlyList<DemoPost> posts)
    {
        using var response = await PatientRequests.SendAsync(admin, HttpMethod.Get, roster, null);
        if (!response.IsSuccessStatusCode) throw new SeedRefused(HttpMethod.Get, roster, response.StatusCode, await response.Content.ReadAsStringAsync());
        var current = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staff").EnumerateArray()
            .ToDictionary(m => m.GetProperty("personId").GetGuid(), m => m.GetProperty("role").GetString());
        foreach (var post in posts)
        {
            if (!current.TryGetValue(post.PersonId, out var role))
                await Send(admin, HttpMethod.Post, roster, new { personId = post.PersonId, role = post.Role, name = post.Name });
            else if (role != post.Role)
                await Send(admin, HttpMethod.Put, $"{roster}/{post.PersonId}", new { role = post.Role });
            else
                Interlocked.Increment(ref _alreadyThere);
        }
    }

    /// <summary>One create: 201 is new, 200 was there already; anything else stops the seed with the problem.</summary>
    private async Task Send(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await PatientRequests.SendAsync(client, method, path, body);
        if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref _created);
        else if (response.IsSuccessStatusCode) Interlocked.Increment(ref _alreadyThere);
        else throw new SeedRefused(method, path, response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>How the CLI's callers behave when a service pushes back, so every command rides out load the same way.</summary>
public static class PatientRequests
{
    /// <summary>
    /// Sends until the answer is final: 429 waits as told; 409 (a concurrent writer touched a
    /// shared stream, e.g. two stations of one district) is sent again — the repeat is idempotent
    /// by its id. Returns the final response for the caller to judge (and dispose).
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
                continue;
            }
            // Ten tries, with spreading jitter: with five, eight parallel POST /stations into one district's stream of a fresh city gave up.
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
                response.Dispose();
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1) + Random.Shared.Next(20 * (attempt + 1))), cancellationToken);
                continue;
            }
            return response;
        }
    }
}

public sealed class SeedRefused(HttpMethod method, string path, HttpStatusCode status, string problem)
    : Exception($"{method} {path} answered {(int)status}: {problem}");
