using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Staff;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Station and district staff rosters over HTTP, and what the other services hear of them: who
/// answers for what where, with the post's district, and nothing of a refused request.
/// </summary>
public sealed class StaffRosterTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private HttpClient Admin => ClientAs(Roles.Admin);

    private HttpClient ClientAs(string role, Guid? station = null, string? district = null)
    {
        var client = cases.Host.CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), Guid.NewGuid(), [role], station, lifetime: TimeSpan.FromDays(60), districtCode: district);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A district code of our own (the fixture is shared by this class's tests); 9 is no province's prefix.</summary>
    private static string NewDistrictCode() => "9" + Random.Shared.Next(0, 100_000).ToString("00000");

    /// <summary>A registered district with <paramref name="stations"/> stations; returns its code and the stations' ids.</summary>
    private async Task<(string District, Guid[] Stations)> DistrictWithStationsAsync(int stations)
    {
        var district = NewDistrictCode();
        (await Admin.PostAsJsonAsync($"/districts/{district}/townships", new
        {
            districtName = "平城区",
            townships = Enumerable.Range(1, stations).Select(i => new { code = $"{district}{i:000}", name = $"第{i}街道" }),
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var ids = new Guid[stations];
        for (var i = 0; i < stations; i++)
        {
            ids[i] = Guid.NewGuid();
            (await Admin.PostAsJsonAsync("/stations", new { stationId = ids[i], districtCode = district, townshipCode = $"{district}{i + 1:000}", name = $"第{i + 1}街道社工站" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        return (district, ids);
    }

    private static async Task<IReadOnlyList<JsonElement>> StaffAsync(HttpClient client, string path) =>
        (await Json(await client.GetAsync(path))).GetProperty("staff").EnumerateArray().ToList();

    private static async Task<IReadOnlyDictionary<Guid, string>> RolesOnAsync(HttpClient client, string path) =>
        (await StaffAsync(client, path)).ToDictionary(s => s.GetProperty("personId").GetGuid(), s => s.GetProperty("role").GetString()!);

    private async Task<T> HeardAsync<T>(Func<T, bool> which, string what) where T : class =>
        (await Eventually.Until(() => Task.FromResult(cases.Neighbours.Received.Of<T>().FirstOrDefault(which)), m => m is not null, what))!;

    private async Task<long> StreamVersionAsync(Guid personId)
    {
        await using var session = cases.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(StaffMember.StreamId(personId)))?.Version ?? 0;
    }

    private static async Task<string?> RuleAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe((HttpStatusCode)422, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString();
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task Joining_changing_role_and_leaving_are_each_told_with_the_station_s_district_and_the_roster_follows()
    {
        var (district, stations) = await DistrictWithStationsAsync(1);
        var station = stations[0];
        var supervisor = ClientAs(Roles.Supervisor, station);
        var caseworker = ClientAs(Roles.Caseworker, station);
        var person = Guid.NewGuid();
        var roster = $"/stations/{station}/staff";

        (await HeardAsync<V1.StationOpened>(s => s.StationId == station, "StationOpened")).DistrictCode.ShouldBe(district);

        var joined = await supervisor.PostAsJsonAsync(roster, new { personId = person, role = "caseworker", name = "李秀兰" });
        joined.StatusCode.ShouldBe(HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        joined.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var listed = (await StaffAsync(caseworker, roster)).ShouldHaveSingleItem();
        listed.GetProperty("personId").GetGuid().ShouldBe(person);
        listed.GetProperty("role").GetString().ShouldBe("Caseworker");
        listed.GetProperty("name").GetString().ShouldBe("李秀兰");
        var told = await HeardAsync<V1.StaffJoined>(j => j.PersonId == person, "StaffJoined");
        (told.Role, told.StationId, told.DistrictCode).ShouldBe((V1.StaffRole.Caseworker, (Guid?)station, district));

        (await supervisor.PutAsJsonAsync($"{roster}/{person}", new { role = "Supervisor" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RolesOnAsync(caseworker, roster))[person].ShouldBe("Supervisor");
        var changed = await HeardAsync<V1.StaffRoleChanged>(c => c.PersonId == person, "StaffRoleChanged");
        (changed.Role, changed.StationId, changed.DistrictCode).ShouldBe((V1.StaffRole.Supervisor, (Guid?)station, district));

        var same = await supervisor.PutAsJsonAsync($"{roster}/{person}", new { role = "supervisor" });
        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        same.Headers.ETag!.Tag.ShouldBe("\"2\"", "the same role changes nothing");

        (await supervisor.DeleteAsync($"{roster}/{person}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StaffAsync(caseworker, roster)).ShouldBeEmpty();
        var left = await HeardAsync<V1.StaffLeft>(l => l.PersonId == person, "StaffLeft");
        (left.StationId, left.DistrictCode).ShouldBe(((Guid?)station, district));

        // Who left may come back, in another role.
        (await Admin.PostAsJsonAsync(roster, new { personId = person, role = "Coordinator" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RolesOnAsync(caseworker, roster))[person].ShouldBe("Coordinator");
        await Eventually.Until(() => Task.FromResult(cases.Neighbours.Received.Of<V1.StaffJoined>().Where(j => j.PersonId == person).ToList()),
            j => j.Count == 2, "the second StaffJoined");
        cases.Neighbours.Received.Of<V1.StaffJoined>().Last(j => j.PersonId == person).Role.ShouldBe(V1.StaffRole.Coordinator);
        (await StreamVersionAsync(person)).ShouldBe(4, "joined, changed, left, joined; the repeated role added nothing");
    }

    [Fact]
    public async Task A_station_s_roster_is_read_by_its_own_staff_its_district_s_officers_and_admins_only()
    {
        var (district, stations) = await DistrictWithStationsAsync(2);
        var roster = $"/stations/{stations[0]}/staff";
        (await Admin.PostAsJsonAsync(roster, new { personId = Guid.NewGuid(), role = "Supervisor" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var reader in new[] { ClientAs(Roles.Caseworker, stations[0]), ClientAs(Roles.Coordinator, stations[0]), Admin,
                     ClientAs(Roles.DistrictOfficer, district: district) })
            (await StaffAsync(reader, roster)).Count.ShouldBe(1);
        (await ClientAs(Roles.Supervisor, stations[1]).GetAsync(roster)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ClientAs(Roles.DistrictOfficer, district: NewDistrictCode()).GetAsync(roster)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.GetAsync($"/stations/{Guid.NewGuid()}/staff")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ClientAs(Roles.Volunteer, stations[0]).GetAsync(roster)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ClientAs(Roles.Caseworker, stations[0]).PostAsJsonAsync(roster, new { personId = Guid.NewGuid(), role = "Caseworker" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_district_s_duty_officers_are_kept_by_admins_told_without_a_station_and_read_by_that_district_s_officers()
    {
        var (district, stations) = await DistrictWithStationsAsync(1);
        var officer = Guid.NewGuid();
        var roster = $"/districts/{district}/staff";

        var joined = await Admin.PostAsJsonAsync(roster, new { personId = officer, name = "赵志明" });
        joined.StatusCode.ShouldBe(HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        var listed = (await StaffAsync(ClientAs(Roles.DistrictOfficer, district: district), roster)).ShouldHaveSingleItem();
        listed.GetProperty("role").GetString().ShouldBe("DistrictOfficer");
        listed.GetProperty("name").GetString().ShouldBe("赵志明");
        (await StaffAsync(Admin, $"/stations/{stations[0]}/staff")).ShouldBeEmpty("a district's officer is on no station's roster");
        var told = await HeardAsync<V1.StaffJoined>(j => j.PersonId == officer, "StaffJoined");
        (told.Role, told.StationId, told.DistrictCode).ShouldBe((V1.StaffRole.DistrictOfficer, (Guid?)null, district));

        (await ClientAs(Roles.DistrictOfficer, district: NewDistrictCode()).GetAsync(roster)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ClientAs(Roles.Supervisor, stations[0]).GetAsync(roster)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ClientAs(Roles.DistrictOfficer, district: district).PostAsJsonAsync(roster, new { personId = Guid.NewGuid() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Admin.DeleteAsync($"{roster}/{officer}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StaffAsync(Admin, roster)).ShouldBeEmpty();
        var left = await HeardAsync<V1.StaffLeft>(l => l.PersonId == officer, "StaffLeft");
        (left.StationId, left.DistrictCode).ShouldBe(((Guid?)null, district));
    }

    [Fact]
    public async Task A_person_racing_onto_two_rosters_lands_on_one()
    {
        var (_, stations) = await DistrictWithStationsAsync(2);
        var person = Guid.NewGuid();
        var answers = await Task.WhenAll(stations.Select(s => Admin.PostAsJsonAsync($"/stations/{s}/staff", new { personId = person, role = "Caseworker" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Single(a => a.StatusCode != HttpStatusCode.Created).StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, (HttpStatusCode)422);
        var onRosters = 0;
        foreach (var station in stations) onRosters += (await StaffAsync(Admin, $"/stations/{station}/staff")).Count;
        onRosters.ShouldBe(1);
        (await StreamVersionAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task Refused_requests_name_the_field_or_the_rule_and_write_nothing()
    {
        var (district, stations) = await DistrictWithStationsAsync(2);
        var (station, other) = (stations[0], stations[1]);
        var supervisor = ClientAs(Roles.Supervisor, station);
        var roster = $"/stations/{station}/staff";
        var member = Guid.NewGuid();
        (await supervisor.PostAsJsonAsync(roster, new { personId = member, role = "Caseworker" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await HeardAsync<V1.StaffJoined>(j => j.PersonId == member, "the member's StaffJoined");
        var before = await Admin.GetStringAsync(roster);
        var refused = new List<Guid>();
        Guid Stranger()
        {
            var id = Guid.NewGuid();
            refused.Add(id);
            return id;
        }

        // Unknown role, or one a station's roster does not hold: 400 naming role and what it accepts.
        foreach (var role in new[] { "janitor", "DistrictOfficer", "1" })
        {
            var errors = await ErrorsAsync(await supervisor.PostAsJsonAsync(roster, new { personId = Stranger(), role }));
            errors.EnumerateObject().Select(e => e.Name).ShouldBe(["role"]);
            errors.GetProperty("role")[0].GetString()!.ShouldContain("Caseworker, Supervisor, Coordinator");
        }
        (await ErrorsAsync(await supervisor.PutAsJsonAsync($"{roster}/{member}", new { role = "districtOfficer" }))).TryGetProperty("role", out _)
            .ShouldBeTrue();
        // An empty or missing person, a missing role, a name too long.
        (await ErrorsAsync(await supervisor.PostAsJsonAsync(roster, new { personId = Guid.Empty, role = "Caseworker" })))
            .EnumerateObject().Select(e => e.Name).ShouldBe(["personId"]);
        (await ErrorsAsync(await supervisor.PostAsJsonAsync(roster, new { name = new string('王', 51) })))
            .EnumerateObject().Select(e => e.Name).ShouldBe(["personId", "role", "name"], ignoreOrder: true);

        // The member again, here or at another station: the rule names it.
        (await RuleAsync(await supervisor.PostAsJsonAsync(roster, new { personId = member, role = "Supervisor" }))).ShouldBe("staff.already-on-roster");
        var elsewhere = await Admin.PostAsJsonAsync($"/stations/{other}/staff", new { personId = member, role = "Caseworker" });
        (await RuleAsync(elsewhere)).ShouldBe("staff.on-another-roster");
        (await elsewhere.Content.ReadAsStringAsync()).ShouldContain(station.ToString());
        (await RuleAsync(await Admin.PostAsJsonAsync($"/districts/{district}/staff", new { personId = member }))).ShouldBe("staff.on-another-roster");

        // Another station's person, or a person on no roster, is not found; so is this station for another station's supervisor.
        (await Admin.PutAsJsonAsync($"/stations/{other}/staff/{member}", new { role = "Supervisor" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.DeleteAsync($"/stations/{other}/staff/{member}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supervisor.DeleteAsync($"{roster}/{Stranger()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outsider = ClientAs(Roles.Supervisor, other);
        (await outsider.PostAsJsonAsync(roster, new { personId = Stranger(), role = "Caseworker" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.DeleteAsync($"{roster}/{member}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.PostAsJsonAsync($"/stations/{Guid.NewGuid()}/staff", new { personId = Stranger(), role = "Caseworker" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Districts: a malformed code, an unregistered one, a role other than duty officer.
        foreach (var code in new[] { "14021x", "1402130" })
            (await ErrorsAsync(await Admin.PostAsJsonAsync($"/districts/{code}/staff", new { personId = Stranger() })))
                .EnumerateObject().Select(e => e.Name).ShouldBe(["code"]);
        (await ErrorsAsync(await Admin.GetAsync("/districts/pingcheng/staff"))).EnumerateObject().Select(e => e.Name).ShouldBe(["code"]);
        (await Admin.PostAsJsonAsync($"/districts/{NewDistrictCode()}/staff", new { personId = Stranger() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ErrorsAsync(await Admin.PostAsJsonAsync($"/districts/{district}/staff", new { personId = Stranger(), role = "Caseworker" })))
            .EnumerateObject().Select(e => e.Name).ShouldBe(["role"]);

        (await Admin.GetStringAsync(roster)).ShouldBe(before);
        (await StaffAsync(Admin, $"/stations/{other}/staff")).ShouldBeEmpty();
        (await StaffAsync(Admin, $"/districts/{district}/staff")).ShouldBeEmpty();
        (await StreamVersionAsync(member)).ShouldBe(1);
        foreach (var stranger in refused) (await StreamVersionAsync(stranger)).ShouldBe(0);

        // Nothing to tell either: a join after the refusals is told, and nothing before it but the member's join.
        var barrier = Guid.NewGuid();
        (await Admin.PostAsJsonAsync($"/stations/{other}/staff", new { personId = barrier, role = "Caseworker" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await HeardAsync<V1.StaffJoined>(j => j.PersonId == barrier, "the barrier's StaffJoined");
        var heard = cases.Neighbours.Received;
        var told = heard.Of<V1.StaffJoined>().Select(m => m.PersonId).Concat(heard.Of<V1.StaffRoleChanged>().Select(m => m.PersonId))
            .Concat(heard.Of<V1.StaffLeft>().Select(m => m.PersonId)).ToList();
        told.Where(p => p == member || refused.Contains(p)).ShouldBe([member]);
    }
}
