using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.IntegrationTests.Infrastructure;
using Npgsql;
using V1 = FiveSocieties.Contracts.V1;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Households over HTTP: personal fields sealed in the store, duplicate warnings, merging.</summary>
public sealed class HouseholdTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker);

    [Fact]
    public async Task A_household_s_personal_fields_are_readable_through_the_api_and_sealed_in_the_store()
    {
        var idNumber = CasesWithNeighbours.IdNumber(101);
        var (household, member) = await cases.RegisterClientAsync(Caseworker, name: "王桂兰", idNumber: idNumber, address: "龙泉镇五一路8号");

        var view = await Json(await Caseworker.GetAsync($"/households/{household}"));
        view.GetProperty("address").GetString().ShouldBe("龙泉镇五一路8号");
        view.GetProperty("position").GetProperty("latitude").GetDouble().ShouldBe(40.4213);
        var m = view.GetProperty("members").EnumerateArray().Single();
        m.GetProperty("memberId").GetGuid().ShouldBe(member);
        m.GetProperty("name").GetString().ShouldBe("王桂兰");
        m.GetProperty("idNumber").GetString().ShouldBe(idNumber);
        m.GetProperty("phone").GetString().ShouldBe("13800001234");

        // Nothing personal is readable in the stream or the snapshot: only sealed values and keyed hashes.
        await using var connection = new NpgsqlConnection(LocalServers.PostgresFor(LocalServers.TestDatabase));
        await connection.OpenAsync();
        var schema = cases.Isolation.SchemaFor("cases");
        await using var command = new NpgsqlCommand(
            $"select string_agg(data::text, ' ') from {schema}.mt_events where stream_id = @id", connection);
        command.Parameters.AddWithValue("id", household);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        stored.ShouldNotBeEmpty();
        foreach (var secret in new[] { "王桂兰", idNumber, "13800001234", "五一路", "1945-03-12", "40.4213" })
            stored.ShouldNotContain(secret);
        stored.ShouldContain("NHB-03");
    }

    [Fact]
    public async Task Registering_someone_already_registered_warns_with_the_likely_duplicates()
    {
        var idNumber = CasesWithNeighbours.IdNumber(202);
        var (first, firstMember) = await cases.RegisterClientAsync(Caseworker, name: "李凤英", birthDate: "1940-07-01", idNumber: idNumber, address: "新荣区花园屯村4号");

        async Task<JsonElement> RegisterAsync(string name, string birthDate, string? id, string address)
        {
            var response = await Caseworker.PostAsJsonAsync("/households", new
            {
                address,
                location = new { district = "新荣区", township = "花园屯乡", community = "花园屯村", grid = "HYT-01" },
                members = new[] { new { name, relationToHead = "Self", gender = "Female", birthDate, idNumber = id } },
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("possibleDuplicates");
        }

        var sameNumber = (await RegisterAsync("李凤瑛", "1941-01-01", idNumber, "别处")).EnumerateArray().Single();
        sameNumber.GetProperty("likelySameAsMemberId").GetGuid().ShouldBe(firstMember);
        sameNumber.GetProperty("likelySameAsHouseholdId").GetGuid().ShouldBe(first);
        sameNumber.GetProperty("reason").GetString().ShouldBe("SameIdNumber");

        var similar = (await RegisterAsync("李 凤英", "1940-07-01", null, "新荣区 花园屯村4号")).EnumerateArray()
            .ShouldHaveSingleItem();
        similar.GetProperty("likelySameAsMemberId").GetGuid().ShouldBe(firstMember);
        similar.GetProperty("reason").GetString().ShouldBe("SimilarNameSameBirthDateAndAddress");

        (await RegisterAsync("赵大山", "1940-07-01", null, "新荣区花园屯村4号")).GetArrayLength().ShouldBe(0, "another name at the same address");
        (await RegisterAsync("李凤英", "1950-07-01", null, "新荣区花园屯村4号")).GetArrayLength().ShouldBe(0, "another birth date");
    }

    [Fact]
    public async Task A_merge_keeps_both_histories_and_the_members_live_on_in_the_kept_household()
    {
        var (kept, _) = await cases.RegisterClientAsync(Caseworker, name: "张秀珍");
        var (other, otherMember) = await cases.RegisterClientAsync(Caseworker, name: "张秀真");

        var merged = await Json(await Caseworker.PostAsJsonAsync($"/households/{kept}/merge", new { otherId = other }));
        merged.GetProperty("version").GetInt64().ShouldBe(2);
        merged.GetProperty("mergedVersion").GetInt64().ShouldBe(2);
        (await Json(await Caseworker.PostAsJsonAsync($"/households/{kept}/merge", new { otherId = other })))
            .GetProperty("version").GetInt64().ShouldBe(2, "a repeated merge changes nothing");

        var keptView = await Json(await Caseworker.GetAsync($"/households/{kept}"));
        keptView.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["张秀珍", "张秀真"]);
        keptView.GetProperty("absorbed").EnumerateArray().Single().GetGuid().ShouldBe(other);
        var otherView = await Json(await Caseworker.GetAsync($"/households/{other}"));
        otherView.GetProperty("mergedInto").GetGuid().ShouldBe(kept);
        otherView.GetProperty("members").GetArrayLength().ShouldBe(1, "the merged household's own history stays as it was");

        // A case can still name the member by the household it was first registered in.
        await cases.OpenCaseForAsync(Caseworker, other, otherMember);
    }

    [Fact]
    public async Task A_household_is_read_only_within_its_station_and_every_read_is_audited()
    {
        var (household, member) = await cases.RegisterClientAsync(Caseworker, name: "赵桂芝");
        var reader = Guid.NewGuid();
        (await cases.ClientAs(Roles.Caseworker, reader).GetAsync($"/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another station's staff: 404, as if it did not exist — for reads, repeats, merges and cases alike.
        var elsewhere = Guid.NewGuid();
        var caseworkerElsewhere = cases.ClientAs(Roles.Caseworker, station: elsewhere);
        (await caseworkerElsewhere.GetAsync($"/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        caseworkerElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, "curious");
        (await caseworkerElsewhere.GetAsync($"/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only a supervisor may break the glass");
        var (theirs, _) = await cases.RegisterClientAsync(cases.ClientAs(Roles.Caseworker, station: elsewhere), name: "赵桂枝");
        (await Caseworker.PostAsJsonAsync($"/households/{household}/merge", new { otherId = theirs })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.PostAsJsonAsync($"/households/{theirs}/merge", new { otherId = household })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await caseworkerElsewhere.PostAsJsonAsync("/households", new
        {
            householdId = household, address = "南河堡村三组12号",
            location = new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid = "NHB-03" },
            members = new[] { new { memberId = member, name = "赵桂芝", relationToHead = "Self", gender = "Female", birthDate = "1945-03-12" } },
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a repeat of another station's id learns nothing");
        var caseElsewhere = await caseworkerElsewhere.PostAsJsonAsync("/cases", new
        {
            stationId = elsewhere, clientGroup = "Elderly", categories = new[] { "LivesAlone" },
            location = new { district = "天镇县", township = "南河堡乡", grid = "NHB-03" },
            client = new { householdId = household, memberId = member },
        });
        caseElsewhere.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await caseElsewhere.Content.ReadAsStringAsync()).ShouldContain("case.client-not-registered");
        (await cases.ClientAs(Roles.Admin).GetAsync($"/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A supervisor elsewhere reads it only with a stated reason, and the reason is kept.
        var outsider = Guid.NewGuid();
        var supervisorElsewhere = cases.ClientAs(Roles.Supervisor, outsider, elsewhere);
        (await supervisorElsewhere.GetAsync($"/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        supervisorElsewhere.DefaultRequestHeaders.Add(CaseFileAccess.BreakGlassHeader, "the client moved to our township");
        (await Json(await supervisorElsewhere.GetAsync($"/households/{household}")))
            .GetProperty("members").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("赵桂芝");

        var audit = (await Json(await cases.ClientAs(Roles.Supervisor).GetAsync($"/audit?householdId={household}"))).EnumerateArray().ToList();
        audit.Select(e => e.GetProperty("readerId").GetGuid()).ShouldBe([reader, outsider], "refused attempts read nothing");
        audit.ShouldAllBe(e => e.GetProperty("what").GetString() == "household");
        audit[0].GetProperty("breakGlass").GetBoolean().ShouldBeFalse();
        audit[1].GetProperty("reason").GetString().ShouldBe("the client moved to our township");
        // The household's own station is told (Notifications' "household-break-glass" rule); the reason stays here.
        var told = await Eventually.Until(
            () => Task.FromResult(cases.Neighbours.Received.Of<V1.HouseholdOpenedByBreakGlass>().Where(e => e.HouseholdId == household).ToList()),
            list => list.Count > 0, "HouseholdOpenedByBreakGlass");
        told.ShouldHaveSingleItem().SupervisorId.ShouldBe(outsider);
        told[0].StationId.ShouldBe(cases.Station);
        (await cases.ClientAs(Roles.Supervisor, station: elsewhere).GetAsync($"/audit?householdId={household}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "the audit is the household's station's");
        (await cases.ClientAs(Roles.Supervisor).GetAsync($"/audit?householdId={household}&caseId={Guid.NewGuid()}"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_households_are_refused_precisely()
    {
        var bad = await Caseworker.PostAsJsonAsync("/households", new
        {
            location = new { district = "天镇县", latitude = 95.0, longitude = 114.0 },
            members = new[] { new { name = "", relationToHead = "Self", birthDate = "2090-01-01", idNumber = "12345" } },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldBe(["address", "location.township", "location.community", "location.grid", "location.latitude",
            "members[0].name", "members[0].gender", "members[0].birthDate", "members[0].idNumber"], ignoreOrder: true);

        var noHead = await Caseworker.PostAsJsonAsync("/households", new
        {
            address = "x",
            location = new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid = "NHB-03" },
            members = new[] { new { name = "孙小明", relationToHead = "Grandchild", gender = "Male", birthDate = "2017-05-01" } },
        });
        noHead.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noHead.Content.ReadAsStringAsync()).ShouldContain("household.one-head");

        (await Caseworker.GetAsync($"/households/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Caseworker.PostAsJsonAsync($"/households/{Guid.NewGuid()}/merge", new { otherId = Guid.NewGuid() }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unregistered = await Caseworker.PostAsJsonAsync("/cases", new
        {
            stationId = cases.Station, clientGroup = "Elderly", categories = Array.Empty<string>(),
            location = new { district = "天镇县", township = "南河堡乡", grid = "NHB-03" },
            client = new { householdId = Guid.NewGuid(), memberId = Guid.NewGuid() },
        });
        unregistered.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unregistered.Content.ReadAsStringAsync()).ShouldContain("case.client-not-registered");
    }
}
