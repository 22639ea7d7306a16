using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.IntegrationTests.Matching;

namespace FiveSocieties.IntegrationTests.EndToEnd;

/// <summary>Clients of the four services for one caller: in-process hosts (<see cref="City"/>) or real processes.</summary>
public interface ICityClients
{
    HttpClient ClientFor(string service, string role, Guid user, Guid? station = null, Guid? provider = null);
}

/// <summary>
/// The people of one end-to-end story and the calls they make, against the four services of a
/// <see cref="City"/> fixture (or any <see cref="ICityClients"/>). Every story gets its own
/// district, so stories never meet.
/// </summary>
public sealed class Story(ICityClients city, Guid station, Guid caseworker)
{
    public Story(ICityClients city) : this(city, Guid.NewGuid(), Guid.NewGuid()) { }

    public string District { get; } = "E2E" + Guid.NewGuid().ToString("N")[..6];
    /// <summary>Fresh unless given: a browser test passes a station and caseworker on the roster it signs in from.</summary>
    public Guid Station { get; } = station;
    public Guid Caseworker { get; } = caseworker;
    public Guid Supervisor { get; } = Guid.NewGuid();

    public HttpClient CasesAs(Guid caseworker) => city.ClientFor("cases", Roles.Caseworker, caseworker, Station);
    public HttpClient CasesAsSupervisor => city.ClientFor("cases", Roles.Supervisor, Supervisor, Station);
    public HttpClient MatchingAs(Guid caseworker) => city.ClientFor("matching", Roles.Caseworker, caseworker, Station);
    public HttpClient MatchingAsProvider(Guid provider) => city.ClientFor("matching", Roles.Provider, Guid.NewGuid(), provider: provider);
    public HttpClient MatchingAdmin => city.ClientFor("matching", Roles.Admin, Guid.NewGuid());
    public HttpClient InboxOf(Guid user, string role = Roles.Caseworker) => city.ClientFor("notifications", role, user, Station);
    public HttpClient ProviderInbox(Guid provider) => city.ClientFor("notifications", Roles.Provider, Guid.NewGuid(), provider: provider);
    public HttpClient VolunteersAs(Guid volunteer) => city.ClientFor("volunteers", Roles.Volunteer, volunteer, Station);
    public HttpClient Coordinator => city.ClientFor("volunteers", Roles.Supervisor, Supervisor, Station);

    /// <summary>A household with one member, registered by the caseworker; returns both ids.</summary>
    public async Task<(Guid Household, Guid Member)> RegisterHouseholdAsync(string name, string birthDate, double latitude, double longitude)
    {
        var memberId = Guid.NewGuid();
        var registered = await HttpJson.Json(await CasesAs(Caseworker).PostAsJsonAsync("/households", new
        {
            address = "南河堡村三组12号",
            location = new { district = District, township = District + "001", community = "南河堡村", grid = "G-01", latitude, longitude },
            members = new[] { new { memberId, name, relationToHead = "Self", gender = "Female", birthDate, phone = "19900001234" } },
        }));
        return (registered.GetProperty("householdId").GetGuid(), memberId);
    }

    public async Task<Guid> OpenCaseForAsync(Guid household, Guid member, string[] categories)
    {
        var caseId = Guid.NewGuid();
        (await CasesAs(Caseworker).PostAsJsonAsync("/cases", new
        {
            caseId, stationId = Station, caseworkerId = Caseworker, clientGroup = "Elderly", categories,
            location = new { district = District, township = District + "001", grid = "G-01" },
            client = new { householdId = household, memberId = member },
        })).EnsureSuccessStatusCode();
        return caseId;
    }

    public async Task<Guid> VolunteerAsync(double latitude, double longitude)
    {
        var id = Guid.NewGuid();
        var client = VolunteersAs(id);
        (await client.PostAsJsonAsync("/volunteers", new
        {
            stationId = Station, name = "志愿者" + id.ToString()[..4], phone = "19900005678", home = new { latitude, longitude },
            skills = new[] { "MealDelivery" }, languages = new[] { "zh-CN" }, isSenior = true, maxLoad = 6,
        })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/volunteers/{id}/availability", new
        {
            slots = new[] { new { days = Enum.GetNames<DayOfWeek>(), from = "08:00", to = "20:00" } },
        })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Ms Sun, 81, living alone, with a case and her consent to share her delivery details with the canteen and the volunteers.</summary>
    public async Task<Guid> MsSunWhoSharesHerDeliveryDetailsAsync(DateTimeOffset now)
    {
        var (household, member) = await RegisterHouseholdAsync("孙秀英", "1945-03-12", 40.4213, 114.0917);
        var msSun = await OpenCaseForAsync(household, member, ["EmptyNest", "LivesAlone", "AdvancedAge"]);
        (await CasesAs(Caseworker).PostAsJsonAsync($"/cases/{msSun}/consents", new
        {
            givenBy = "Client", purpose = "DeliveryDetailsSharing", organisations = new[] { "南河堡乡长者食堂", "志愿服务队" },
            validUntil = now.AddDays(180), dietaryNotes = "低盐, 软食",
        })).EnsureSuccessStatusCode();
        return msSun;
    }

    public Task EnrolledForMealsAsync(Guid caseId) =>
        Eventually.Until(async () => await HttpJson.Json(await Coordinator.GetAsync("/enrolments")),
            list => list.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"),
            "the client enrolled for meals");

    /// <summary>
    /// The day's meal planned and offered to the nearer of two volunteers, who is told and declines;
    /// the other is offered it and told. Returns the delivery and who has it now.
    /// </summary>
    public async Task<(Guid Delivery, Guid FirstTaker, Guid Other)> MealDeclinedAndReassignedAsync(DateOnly date, Guid caseId, Guid first, Guid second)
    {
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var offered = await DeliveryAsync(date, caseId, d => d.GetProperty("status").GetString() == "Offered", "the meal offered");
        var delivery = offered.GetProperty("id").GetGuid();
        var firstTaker = offered.GetProperty("volunteerId").GetGuid();
        var other = firstTaker == first ? second : first;
        await InboxAsync(InboxOf(firstTaker, Roles.Volunteer), "volunteer-dispatched", 1);
        (await VolunteersAs(firstTaker).PostAsJsonAsync($"/deliveries/{delivery}/decline", new { reason = "身体不适" })).EnsureSuccessStatusCode();
        await DeliveryAsync(date, caseId,
            d => d.GetProperty("status").GetString() == "Offered" && d.GetProperty("volunteerId").GetGuid() == other, "reassigned to the other volunteer");
        await InboxAsync(InboxOf(other, Roles.Volunteer), "volunteer-dispatched", 1);
        return (delivery, firstTaker, other);
    }

    /// <summary>The day's meal planned, accepted, and nobody answering the door: the caseworker's urgent alarm.</summary>
    public async Task<JsonElement> MealMissedAsync(DateOnly date, Guid caseId)
    {
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var next = await DeliveryAsync(date, caseId, d => d.GetProperty("status").GetString() == "Offered", "the meal offered");
        var volunteer = VolunteersAs(next.GetProperty("volunteerId").GetGuid());
        var delivery = next.GetProperty("id").GetGuid();
        (await volunteer.PostAsync($"/deliveries/{delivery}/accept", null)).EnsureSuccessStatusCode();
        (await volunteer.PostAsJsonAsync($"/deliveries/{delivery}/miss", new { reason = "NoAnswerAtDoor" })).EnsureSuccessStatusCode();
        var alarm = (await InboxAsync(InboxOf(Caseworker), "delivery-missed.lives-alone", 1)).Single();
        alarm.GetProperty("urgency").GetString().ShouldBe("Urgent");
        alarm.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        return alarm;
    }

    /// <summary>The coordinator's view of one case's delivery on a day, once it is in the state asked.</summary>
    public async Task<JsonElement> DeliveryAsync(DateOnly date, Guid caseId, Func<JsonElement, bool> which, string what) =>
        (await Eventually.Until(
            async () => await HttpJson.Json(await Coordinator.GetAsync($"/deliveries?date={date:yyyy-MM-dd}")),
            list => list.EnumerateArray().Any(d => d.GetProperty("caseId").GetGuid() == caseId && which(d)), what))
        .EnumerateArray().First(d => d.GetProperty("caseId").GetGuid() == caseId && which(d));

    public async Task<Guid> OpenCaseAsync(Guid caseworker, string group, string[] categories, string grid = "G-01")
    {
        var caseId = Guid.NewGuid();
        (await CasesAs(caseworker).PostAsJsonAsync("/cases", new
        {
            caseId, stationId = Station, caseworkerId = caseworker, clientGroup = group, categories,
            location = new { district = District, township = District + "001", grid },
        })).EnsureSuccessStatusCode();
        return caseId;
    }

    public async Task<Guid> RaiseNeedAsync(Guid caseworker, Guid caseId, string category, string urgency = "Soon", string recurrence = "Daily")
    {
        var needId = Guid.NewGuid();
        (await CasesAs(caseworker).PostAsJsonAsync($"/cases/{caseId}/needs",
            new { needId, category, urgency, recurrence, startDate = "2026-12-01" })).EnsureSuccessStatusCode();
        return needId;
    }

    public async Task<Guid> RegisterProviderAsync(string name, string kind)
    {
        var providerId = Guid.NewGuid();
        (await MatchingAdmin.PostAsJsonAsync("/providers", new
        {
            providerId, name, kind, creditCode = MatchingFixture.NewCreditCode(),
            contact = new { name = "服务台", phone = "0352-1234567" }, area = new { districts = new[] { District } },
        })).EnsureSuccessStatusCode();
        return providerId;
    }

    public async Task<Guid> OfferAsync(Guid provider, string category, string title, int capacity, string[] groups,
        double latitude = 40.08, double longitude = 113.30)
    {
        var offerId = Guid.NewGuid();
        (await MatchingAsProvider(provider).PostAsJsonAsync("/offers", new
        {
            offerId, providerId = provider, category, title, capacity,
            area = new { districts = new[] { District } },
            eligibility = new { clientGroups = groups },
            validFrom = "2026-01-01",
            servicePoint = new { latitude, longitude },
            schedule = category == "MealDelivery"
                ? new { days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" }, from = "11:00", to = "12:30" }
                : null,
        })).EnsureSuccessStatusCode();
        return offerId;
    }

    /// <summary>The referral Matching proposed for a need, once it has (as the caseworker sees it).</summary>
    public async Task<JsonElement> ReferralAsync(Guid caseworker, Guid needId, Func<JsonElement, bool> which, string what) =>
        (await Eventually.Until(
            async () => await HttpJson.Json(await MatchingAs(caseworker).GetAsync($"/referrals?needId={needId}")),
            list => list.EnumerateArray().Any(which), what))
        .EnumerateArray().First(which);

    /// <summary>The signed-in user's inbox items of one rule, once there are <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> InboxAsync(HttpClient inbox, string rule, int count, Func<JsonElement, bool>? which = null)
    {
        var page = await Eventually.Until(
            async () => await HttpJson.Json(await inbox.GetAsync("/inbox?pageSize=100")),
            p => Items(p, rule, which).Count >= count, $"{count} '{rule}' notification(s)");
        return Items(page, rule, which);
    }

    public static IReadOnlyList<JsonElement> Items(JsonElement page, string rule, Func<JsonElement, bool>? which = null) =>
        page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("rule").GetString() == rule && (which?.Invoke(i) ?? true)).ToList();
}
