using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.EndToEnd;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// Issues 7 and 27's erasure check: after a supervisor erases a client, a pg_dump of every
/// service's data and of the key store holds none of the person's name, phone or ID number, nor
/// the keyed hash of their ID number — in Cases (sealed fields whose key is gone, index rows
/// deleted), in Volunteers (the delivery details shared with consent) and in Notifications —
/// while the case's non-personal history still counts in the station's reports. The same for a
/// volunteer erased on request.
/// </summary>
public sealed class ErasureTests(City city) : IClassFixture<City>
{
    [Fact]
    public async Task After_erasure_no_database_dump_holds_the_persons_name_phone_or_ID_number()
    {
        var story = new Story(city);
        // A person of this test alone: the checks below must not be fooled by anyone else's data.
        var name = "甄" + string.Concat(Guid.NewGuid().ToString("N")[..4].Select(c => (char)('甲' + c % 10)));
        var phone = "199" + Random.Shared.Next(10_000_000, 99_999_999);
        var idNumber = Cli.Seed.DemoCityGenerator.IdNumber(new Random(), "140222", new DateOnly(1944, 5, 6), female: true);
        var canteen = await story.RegisterProviderAsync("天镇县长者食堂", "Canteen");
        await story.OfferAsync(canteen, "MealDelivery", "助餐送餐", 5, ["Elderly"], 40.42, 114.09);

        var registered = await HttpJson.Json(await story.CasesAs(story.Caseworker).PostAsJsonAsync("/households", new
        {
            address = "谷前堡镇一村七号",
            location = new { district = story.District, township = story.District + "001", community = "一村", grid = "G-01", latitude = 40.42, longitude = 114.09 },
            members = new[] { new { memberId = Guid.NewGuid(), name, relationToHead = "Self", gender = "Female", birthDate = "1944-05-06", idNumber, phone } },
        }));
        var household = registered.GetProperty("householdId").GetGuid();
        var member = registered.GetProperty("memberIds")[0].GetGuid();
        var caseId = await story.OpenCaseForAsync(household, member, ["LivesAlone"]);
        (await story.CasesAs(story.Caseworker).PostAsJsonAsync($"/cases/{caseId}/consents", new
        {
            givenBy = "Client", purpose = "DeliveryDetailsSharing", organisations = new[] { "长者食堂" },
            validUntil = city.Clock.GetUtcNow().AddDays(90), dietaryNotes = "不吃辣",
        })).EnsureSuccessStatusCode();
        var need = await story.RaiseNeedAsync(story.Caseworker, caseId, "MealDelivery");
        var referral = (await story.ReferralAsync(story.Caseworker, need, r => r.GetProperty("status").GetString() == "AwaitingApproval", "proposal"))
            .GetProperty("id").GetGuid();
        (await story.MatchingAs(story.Caseworker).PostAsync($"/referrals/{referral}/approve", null)).EnsureSuccessStatusCode();
        (await story.MatchingAsProvider(canteen).PostAsync($"/referrals/{referral}/accept", null)).EnsureSuccessStatusCode();
        await Eventually.Until(async () => await HttpJson.Json(await story.Coordinator.GetAsync("/enrolments")),
            list => list.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"),
            "the delivery details held by Volunteers");
        // The check can see plain text in every schema: the canteen's name (public, not sealed) is there,
        // and so is the keyed hash of the ID number, in the member index of the duplicate check.
        var idNumberHash = city.Cases.Services.GetRequiredService<KeyedHash>().Of(RegisterHouseholdEndpoint.IdNumberPurpose, idNumber);
        var before = await Dump();
        before.ShouldContain("天镇县长者食堂");
        before.ShouldContain(idNumberHash);
        (await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/households/{household}"))).ToString().ShouldContain(phone);

        // Only a supervisor of the station may erase; a caseworker may not.
        (await story.CasesAs(story.Caseworker).PostAsync($"/clients/{caseId}/erase", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await city.Cases.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).PostAsync($"/clients/{caseId}/erase", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await story.CasesAsSupervisor.PostAsync($"/clients/{caseId}/erase", null)).EnsureSuccessStatusCode();
        (await story.CasesAsSupervisor.PostAsync($"/clients/{caseId}/erase", null)).StatusCode.ShouldBe(HttpStatusCode.OK, "erasing again changes nothing");

        await Eventually.Until(async () => await HttpJson.Json(await story.Coordinator.GetAsync("/enrolments")),
            list => list.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Ended"),
            "Volunteers ended the enrolment and deleted the details");
        var dump = await Dump();
        dump.ShouldContain("天镇县长者食堂");
        dump.ShouldNotContain(name);
        dump.ShouldNotContain(phone);
        dump.ShouldNotContain(idNumber);
        dump.ShouldNotContain(idNumberHash, Case.Sensitive, "nor the keyed hash of the ID number");
        dump.ShouldNotContain(JsonSerializer.Serialize(name)[1..^1], Case.Sensitive, "nor JSON-escaped");
        (await Keys().ErasedAsync("client", default)).ShouldContain(e => e.Id == caseId, "the erasure log keeps the case's id");

        (await HttpJson.Json(await story.CasesAs(story.Caseworker).GetAsync($"/households/{household}"))).ToString().ShouldNotContain(phone);

        // What is not personal still adds up: the case counts on the station's dashboard.
        var dashboard = await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/stations/{story.Station}/dashboard"));
        dashboard.ToString().ShouldContain("Elderly");
        var details = await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/cases/{caseId}"));
        details.GetProperty("needs").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task After_a_volunteers_erasure_no_database_dump_holds_their_name_or_phone_and_they_are_offered_nothing()
    {
        var story = new Story(city);
        var name = "甄" + string.Concat(Guid.NewGuid().ToString("N")[..4].Select(c => (char)('乙' + c % 10)));
        var phone = "198" + Random.Shared.Next(10_000_000, 99_999_999);
        var volunteer = Guid.NewGuid();
        (await story.Coordinator.PostAsJsonAsync("/volunteers", new
        {
            volunteerId = volunteer, stationId = story.Station, name, phone, home = new { latitude = 40.4123, longitude = 114.0877 },
            skills = new[] { "MealDelivery" },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var record = await HttpJson.Json(await story.Coordinator.GetAsync($"/volunteers/{volunteer}"));
        record.GetProperty("name").GetString().ShouldBe(name);
        (await HttpJson.Json(await story.Coordinator.GetAsync($"/volunteers?stationId={story.Station}&q={name[1..]}")))
            .GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(volunteer);
        // The volunteer gives Notifications their own phone and e-mail for alarms: plain there, until they are erased.
        var email = $"v{volunteer:N}@example.org";
        (await story.InboxOf(volunteer, Roles.Volunteer).PutAsJsonAsync("/preferences", new
        {
            channels = new[] { "InApp", "Sms", "Email" }, language = "zh-CN", email, phone, smsRules = new[] { "delivery-reminder" },
        })).EnsureSuccessStatusCode();
        // And binds WeChat, which leaves the openid the official account knows them by.
        var openId = "oVx" + volunteer.ToString("N")[..25];
        (await story.InboxOf(volunteer, Roles.Volunteer).PutAsJsonAsync("/wechat-binding", new { openId })).EnsureSuccessStatusCode();
        // The coordinator's reads of the volunteer's record and of the list of names are on the station's one access audit.
        await Eventually.Until(async () => (await HttpJson.Json(await story.CasesAsSupervisor.GetAsync($"/stations/{story.Station}/audit?readerId={story.Supervisor}")))
                .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("recordKind").GetString() == "volunteer")
                .Select(e => (e.GetProperty("what").GetString(), e.TryGetProperty("recordId", out var r) ? r.GetGuid() : Guid.Empty)).ToList(),
            reads => reads.Contains(("volunteer-record", volunteer)) && reads.Any(r => r.Item1 == "volunteer-list"), "the volunteer's record reads on the station's audit");
        var before = await Dump();
        before.ShouldContain(email, Case.Sensitive, "the check sees Notifications' copy");
        before.ShouldContain(openId, Case.Sensitive, "and the WeChat binding");
        before.Replace(email, "").ShouldNotContain(name, Case.Sensitive, "sealed from the start: neither the event nor the record holds the name");

        // Only the station's staff may erase; the volunteer themself asks them to.
        (await story.VolunteersAs(volunteer).PostAsync($"/volunteers/{volunteer}/erase", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await city.Volunteers.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).PostAsync($"/volunteers/{volunteer}/erase", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await story.Coordinator.PostAsync($"/volunteers/{volunteer}/erase", null)).EnsureSuccessStatusCode();
        (await story.Coordinator.PostAsync($"/volunteers/{volunteer}/erase", null)).StatusCode.ShouldBe(HttpStatusCode.OK, "erasing again changes nothing");

        var erased = await HttpJson.Json(await story.Coordinator.GetAsync($"/volunteers/{volunteer}"));
        erased.GetProperty("status").GetString().ShouldBe("Erased");
        erased.TryGetProperty("name", out _).ShouldBeFalse("nothing to show");
        (await Keys().FindAsync(volunteer, default)).ShouldBeNull();
        (await Keys().ErasedAsync("volunteer", default)).ShouldContain(e => e.Id == volunteer);
        // Notifications hears of it and forgets their phone and e-mail, in the events that carried them too.
        await Eventually.Until(async () => await HttpJson.Json(await story.InboxOf(volunteer, Roles.Volunteer).GetAsync("/preferences")),
            p => !p.TryGetProperty("phone", out _) && !p.TryGetProperty("email", out _), "Notifications forgot the volunteer's contacts");
        await Eventually.Until(async () => await HttpJson.Json(await story.InboxOf(volunteer, Roles.Volunteer).GetAsync("/wechat-binding")),
            b => !b.GetProperty("bound").GetBoolean() && b.GetProperty("status").GetString() == "Erased", "and their WeChat binding");
        var dump = await Dump();
        dump.ShouldNotContain(openId);
        dump.ShouldNotContain(name);
        dump.ShouldNotContain(phone);
        dump.ShouldNotContain(email);

        // Nothing more is recorded of them, and a registration under their id is refused in the reader's language.
        var again = await story.Coordinator.PostAsJsonAsync("/volunteers", new
        {
            volunteerId = volunteer, stationId = story.Station, name, phone, home = new { latitude = 40.4123, longitude = 114.0877 },
            skills = new[] { "MealDelivery" },
        });
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        ((int)again.StatusCode).ShouldBeInRange(400, 499, problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldContain("已删除");
    }

    private IPersonalKeyStore Keys() => city.Cases.Services.GetRequiredService<IPersonalKeyStore>();

    /// <summary>pg_dump of this test's four service schemas and the key store's two, as text.</summary>
    private async Task<string> Dump()
    {
        var connection = new NpgsqlConnectionStringBuilder(LocalServers.Postgres);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin", "pg_dump")).First(File.Exists);
        var start = new ProcessStartInfo(pgDump)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        foreach (var argument in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(), "-U", connection.Username!, "-d", LocalServers.TestDatabase, "--data-only" })
            start.ArgumentList.Add(argument);
        foreach (var service in new[] { "cases", "matching", "volunteers", "notifications", "keys", "erasures" })
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(city.Isolation.SchemaFor(service));
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}
