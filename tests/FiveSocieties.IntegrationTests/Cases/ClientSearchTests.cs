using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Cases.Households.Registering;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Finding a client (POST /clients/search) by full name, ID number or phone: by keyed hash within the
/// caller's station, never an erased person, every search audited without its text.
/// </summary>
public sealed class ClientSearchTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker);

    /// <summary>Someone of this test alone: a name, ID number and phone nobody else in the fixture has.</summary>
    private sealed record Person(string Name, string IdNumber, string Phone);

    private static Person NewPerson()
    {
        // Six characters of sixteen each: a pair of this run's names meets once in sixteen million.
        var nibbles = Guid.NewGuid().ToString("N").Select(c => Convert.ToInt32(c.ToString(), 16)).ToArray();
        var digits = nibbles.Select(n => n % 10).ToArray();
        return new Person(
            "孙" + string.Concat(nibbles[18..24].Select(n => (char)('甲' + n))),
            ResidentIdNumber.WithCheckDigit("1402221945" + string.Concat(digits[3..10])),
            "139" + string.Concat(digits[10..18]));
    }

    private async Task<(Guid Household, Guid Member)> RegisterAsync(HttpClient client, Person person)
    {
        var memberId = Guid.NewGuid();
        var registered = await Json(await client.PostAsJsonAsync("/households", new
        {
            address = "南河堡村三组12号",
            location = new { district = "天镇县", township = "南河堡乡", community = "南河堡村", grid = "NHB-03" },
            members = new[] { new { memberId, name = person.Name, relationToHead = "Self", gender = "Female", birthDate = "1945-03-12", idNumber = person.IdNumber, phone = person.Phone } },
        }));
        return (registered.GetProperty("householdId").GetGuid(), memberId);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string q) =>
        await Json(await client.PostAsJsonAsync("/clients/search", new { q }));

    [Fact]
    public async Task A_client_is_found_by_full_name_ID_number_or_phone_with_their_open_case()
    {
        var person = NewPerson();
        var (household, member) = await RegisterAsync(Caseworker, person);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);

        foreach (var (q, kind) in new[]
        {
            (person.Name[..1] + " " + person.Name[1..], "Name"),
            (person.IdNumber.ToLowerInvariant(), "IdNumber"),
            ("+86 " + person.Phone[..3] + "-" + person.Phone[3..7] + "-" + person.Phone[7..], "Phone"),
        })
        {
            var page = await SearchAsync(Caseworker, q);
            page.GetProperty("kind").GetString().ShouldBe(kind);
            page.GetProperty("total").GetInt64().ShouldBe(1, q);
            page.GetProperty("page").GetInt32().ShouldBe(1);
            var match = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            match.GetProperty("memberId").GetGuid().ShouldBe(member);
            match.GetProperty("householdId").GetGuid().ShouldBe(household);
            match.GetProperty("name").GetString().ShouldBe(person.Name);
            match.GetProperty("gender").GetString().ShouldBe("Female");
            match.GetProperty("age").GetInt32().ShouldBe(ClientDirectoryAge(cases.Clock.GetUtcNow()));
            match.GetProperty("clientGroup").GetString().ShouldBe("Elderly");
            match.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["LivesAlone"]);
            match.GetProperty("openCaseIds").EnumerateArray().Select(c => c.GetGuid()).ShouldBe([caseId]);
        }

        // Someone else's name finds nobody; a registered client with no case is found with none.
        (await SearchAsync(Caseworker, NewPerson().Name)).GetProperty("total").GetInt64().ShouldBe(0);
        var noCase = NewPerson();
        await RegisterAsync(Caseworker, noCase);
        var alone = (await SearchAsync(Caseworker, noCase.Phone)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        alone.GetProperty("openCaseIds").GetArrayLength().ShouldBe(0);
        alone.TryGetProperty("clientGroup", out _).ShouldBeFalse("no case, no group");
    }

    /// <summary>The age of someone born 1945-03-12 on the station's today.</summary>
    private static int ClientDirectoryAge(DateTimeOffset now) =>
        ClientDirectory.AgeOn(new DateOnly(1945, 3, 12), LocalCalendar.For(LocalCalendar.DefaultTimeZone).Today(now));

    [Fact]
    public async Task Another_station_s_staff_do_not_find_the_client()
    {
        var person = NewPerson();
        await RegisterAsync(Caseworker, person);
        var elsewhere = Guid.NewGuid();
        foreach (var role in new[] { Roles.Caseworker, Roles.Supervisor })
            foreach (var q in new[] { person.Name, person.IdNumber, person.Phone })
                (await SearchAsync(cases.ClientAs(role, station: elsewhere), q)).GetProperty("total").GetInt64().ShouldBe(0, $"{role}: {q}");
        (await SearchAsync(cases.ClientAs(Roles.Supervisor), person.IdNumber)).GetProperty("total").GetInt64().ShouldBe(1, "the station's own supervisor finds them");
    }

    [Fact]
    public async Task An_erased_person_is_found_by_nothing()
    {
        var person = NewPerson();
        var (household, member) = await RegisterAsync(Caseworker, person);
        var caseId = await cases.OpenCaseForAsync(Caseworker, household, member);
        (await SearchAsync(Caseworker, person.IdNumber)).GetProperty("total").GetInt64().ShouldBe(1);

        (await cases.ClientAs(Roles.Supervisor).PostAsync($"/clients/{caseId}/erase", null)).EnsureSuccessStatusCode();

        foreach (var q in new[] { person.Name, person.IdNumber, person.Phone })
        {
            var page = await SearchAsync(Caseworker, q);
            page.GetProperty("total").GetInt64().ShouldBe(0, q);
            page.GetProperty("items").GetArrayLength().ShouldBe(0, q);
        }
    }

    [Fact]
    public async Task Every_search_is_audited_by_its_kind_and_hash_never_its_text()
    {
        var person = NewPerson();
        await RegisterAsync(Caseworker, person);
        var searcher = Guid.NewGuid();
        var client = cases.ClientAs(Roles.Caseworker, searcher);
        await SearchAsync(client, person.Name);
        await SearchAsync(client, person.Phone);
        await SearchAsync(client, NewPerson().IdNumber);

        var store = cases.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(CaseFileAccess.AuditStreamOf(cases.Station));
        var searches = events.Select(e => e.Data).OfType<ClientsSearched>().Where(s => s.ReaderId == searcher).ToList();
        searches.Select(s => (s.Kind, s.Matches)).ShouldBe([(ClientQueryKind.Name, 1L), (ClientQueryKind.Phone, 1L), (ClientQueryKind.IdNumber, 0L)]);
        searches.ShouldAllBe(s => s.StationId == cases.Station && s.ReaderRoles.SequenceEqual(new[] { Roles.Caseworker }) && s.QueryHash!.Length == 64);
        var stored = JsonSerializer.Serialize(searches);
        foreach (var text in new[] { person.Name, person.Phone }) stored.ShouldNotContain(text);
        stored.ShouldNotContain(JsonSerializer.Serialize(person.Name)[1..^1], Case.Sensitive, "nor JSON-escaped");

        // The station's supervisor reviews them on the access audit, by kind and matches, with no record and no text.
        var audit = await Json(await cases.ClientAs(Roles.Supervisor).GetAsync($"/stations/{cases.Station}/audit?readerId={searcher}"));
        var listed = audit.GetProperty("items").EnumerateArray().ToList();
        listed.Select(e => (e.GetProperty("recordKind").GetString(), e.GetProperty("what").GetString(), e.GetProperty("matches").GetInt64()))
            .ShouldBe([("clients", "search-id-number", 0L), ("clients", "search-phone", 1L), ("clients", "search-name", 1L)], ignoreOrder: true);
        foreach (var entry in listed) (entry.TryGetProperty("recordId", out var record) ? record.ValueKind : JsonValueKind.Undefined).ShouldBe(JsonValueKind.Undefined, "a search reads no one record");
        listed.ShouldAllBe(e => !e.GetProperty("breakGlass").GetBoolean());
        foreach (var text in new[] { person.Name, person.Phone }) audit.GetRawText().ShouldNotContain(text);
    }

    [Fact]
    public async Task Someone_registered_before_names_and_phones_were_hashed_is_found_by_them_once_the_backfill_ran()
    {
        // A household as registration wrote it before: the member's details sealed, only the ID
        // number hashed, and the hashes in the event itself.
        var (person, erased) = (NewPerson(), NewPerson());
        var (householdId, memberId, erasedId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var store = cases.Host.Services.GetRequiredService<IDocumentStore>();
        var keys = cases.Host.Services.GetRequiredService<IPersonalKeyStore>();
        var hash = cases.Host.Services.GetRequiredService<KeyedHash>();
        var made = await keys.GetOrCreateAsync([householdId, memberId, erasedId], default);
        HouseholdMember Sealed(Guid id, Person who, RelationToHead relation) =>
            new(id, relation, Gender.Female, PersonalData.SealJson(made[id], new MemberDetails(who.Name, new DateOnly(1945, 3, 12), who.IdNumber, who.Phone)));
        var idHash = hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, person.IdNumber);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Household>(householdId, new HouseholdRegistered(householdId,
                new HouseholdLocation("天镇县", "南河堡乡", "南河堡村", "NHB-03"), PersonalData.SealJson(made[householdId], new HomeDetails("南河堡村一组1号", null, null)), null,
                [Sealed(memberId, person, RelationToHead.Self), Sealed(erasedId, erased, RelationToHead.Sibling)],
                Guid.NewGuid(), cases.Clock.GetUtcNow(), cases.Station));
            session.Store(new ClientSearchEntry(memberId, householdId, cases.Station, null, null, idHash));
            session.Store(new ClientSearchEntry(erasedId, householdId, cases.Station, null, null, hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, erased.IdNumber)));
            await session.SaveChangesAsync();
        }
        // The hashes as the event carried them then: stripped at the next start.
        await using (var connection = new NpgsqlConnection(LocalServers.Postgres + $";Database={LocalServers.TestDatabase}"))
        {
            await connection.OpenAsync();
            await using var legacy = new NpgsqlCommand(
                $"update \"{cases.Isolation.SchemaFor("cases")}\".mt_events set data = jsonb_set(data, '{{members,0}}', (data #> '{{members,0}}') || jsonb_build_object('idNumberHash', $1::text, 'personHash', 'old')) where stream_id = $2",
                connection) { Parameters = { new() { Value = idHash }, new() { Value = householdId } } };
            (await legacy.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await SearchAsync(Caseworker, person.IdNumber)).GetProperty("total").GetInt64().ShouldBe(1, "the ID number was always hashed");
        (await SearchAsync(Caseworker, person.Name)).GetProperty("total").GetInt64().ShouldBe(0, "not yet by name");
        // The sibling's key is destroyed before the backfill: nothing can be opened, nothing is made, and their row goes.
        await keys.EraseAsync([new ErasedSubject(erasedId, "member", cases.Clock.GetUtcNow())], default);

        cases.Clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.Until(async () => await SearchAsync(Caseworker, person.Name), page => page.GetProperty("total").GetInt64() == 1, "found by name");
        var byPhone = (await SearchAsync(Caseworker, person.Phone)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        byPhone.GetProperty("memberId").GetGuid().ShouldBe(memberId);
        (await SearchAsync(Caseworker, erased.Name)).GetProperty("total").GetInt64().ShouldBe(0);
        await Eventually.Until(async () =>
        {
            await using var query = store.QuerySession();
            return await query.LoadAsync<ClientSearchEntry>(erasedId);
        }, entry => entry is null, "the erased sibling's search row deleted, ID number hash and all");

        // The next start strips the hashes the old event carried; the index rows keep finding the person.
        await new HashesOutOfEvents(store, cases.Host.Services.GetRequiredService<EventStoreDatabase>(), NullLogger<HashesOutOfEvents>.Instance).StartAsync(default);
        await using (var query = store.QuerySession())
        {
            var events = await query.Events.FetchStreamAsync(householdId);
            events.ShouldHaveSingleItem("the backfill writes index rows, not events");
            var stored = await query.AdvancedSql.QueryAsync<string>($"select data::text from \"{cases.Isolation.SchemaFor("cases")}\".mt_events where stream_id = ?", default, householdId);
            stored.ShouldHaveSingleItem().ShouldNotContain(idHash);
            stored.Single().ShouldNotContain("personHash");
        }
        (await SearchAsync(Caseworker, person.IdNumber)).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("王")]
    [InlineData("1")]
    public async Task An_empty_or_too_short_query_is_refused_naming_q_in_the_reader_s_language(string q)
    {
        var response = await Caseworker.PostAsJsonAsync("/clients/search", new { q });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var messages = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("q").EnumerateArray().Select(m => m.GetString()).ToList();
        messages.ShouldHaveSingleItem().ShouldBe(q.Trim().Length == 0 ? "字段“q”为必填项。" : "字段“q”至少 2 个字符：完整姓名、身份证号码或电话号码。");

        var english = cases.ClientAs(Roles.Caseworker);
        english.DefaultRequestHeaders.Add("Accept-Language", "en");
        (await (await english.PostAsJsonAsync("/clients/search", new { q })).Content.ReadAsStringAsync())
            .ShouldContain(q.Trim().Length == 0 ? "is required." : "must be at least 2 characters");
        (await Caseworker.PostAsJsonAsync("/clients/search", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no q at all");
    }

    [Theory]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Provider)]
    [InlineData(Roles.Admin)]
    public async Task Only_station_staff_may_search(string role) =>
        (await cases.ClientAs(role).PostAsJsonAsync("/clients/search", new { q = "王桂兰" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_page_beyond_the_end_is_empty_and_a_bad_page_size_is_refused()
    {
        var person = NewPerson();
        await RegisterAsync(Caseworker, person);
        var beyond = await Json(await Caseworker.PostAsJsonAsync("/clients/search", new { q = person.Phone, page = 2, pageSize = 1 }));
        beyond.GetProperty("total").GetInt64().ShouldBe(1);
        beyond.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await Caseworker.PostAsJsonAsync("/clients/search", new { q = person.Phone, pageSize = 101 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
