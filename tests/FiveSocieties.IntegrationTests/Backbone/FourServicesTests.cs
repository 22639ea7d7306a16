using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>The walking skeleton: four hosts on the real servers, one slice through all of them.</summary>
public sealed class FourServicesTests(FourServices services) : IClassFixture<FourServices>
{
    private static readonly Guid Station = Guid.NewGuid();

    public static object NewCase(Guid? caseId = null, Guid? caseworkerId = null, Guid? stationId = null) => new
    {
        caseId = caseId ?? Guid.NewGuid(),
        stationId = stationId ?? Station,
        caseworkerId,
        clientGroup = "Elderly",
        categories = new[] { "EmptyNest", "LivesAlone" },
        location = new { district = "天镇县", township = "南河堡乡", grid = "NHB-03" },
    };

    [Fact]
    public async Task The_four_hosts_start_against_the_local_servers_and_report_ready()
    {
        foreach (var client in new[] { services.Cases.CreateClient(), services.Matching.CreateClient(),
                     services.Volunteers.CreateClient(), services.Notifications.CreateClient() })
        {
            var live = await client.GetAsync("/health/live");
            live.StatusCode.ShouldBe(HttpStatusCode.OK);
            var ready = await client.GetAsync("/health/ready");
            var body = await ready.Content.ReadAsStringAsync();
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            using var json = JsonDocument.Parse(body);
            var checks = json.RootElement.GetProperty("checks");
            foreach (var check in new[] { "postgres", "daemon", "masstransit-bus" })
                checks.GetProperty(check).GetProperty("status").GetString().ShouldBe("Healthy", check);
            (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Opening_a_case_reaches_notifications_matching_and_volunteers()
    {
        var caseworker = Guid.NewGuid();
        var caseId = Guid.NewGuid();
        var created = await services.Cases.ClientAs(Roles.Caseworker, caseworker, Station)
            .PostAsJsonAsync("/cases", NewCase(caseId));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldBe($"/cases/{caseId}");

        var admin = Roles.Admin;
        var recipient = await Eventually.Until(
            () => GetJson(services.Notifications.ClientAs(admin), $"/recipients/{caseworker}"),
            json => json is not null, "the caseworker in the recipient directory");
        recipient!.Value.GetProperty("stationId").GetGuid().ShouldBe(Station);
        var answerable = await Eventually.Until(
            () => GetJson(services.Notifications.ClientAs(admin), $"/case-responsibilities/{caseId}"),
            json => json is not null, "who answers for the case, in Notifications");
        answerable!.Value.GetProperty("caseworkerId").GetGuid().ShouldBe(caseworker);

        var known = await Eventually.Until(
            () => GetJson(services.Matching.ClientAs(admin), $"/known-cases/{caseId}"),
            json => json is not null, "the case in Matching");
        known!.Value.GetProperty("location").GetProperty("grid").GetString().ShouldBe("NHB-03");
        known.Value.GetProperty("caseworkerId").GetGuid().ShouldBe(caseworker);

        var served = await Eventually.Until(
            () => GetJson(services.Volunteers.ClientAs(admin), $"/served-cases/{caseId}"),
            json => json is not null, "the case in Volunteers");
        served!.Value.GetProperty("stationId").GetGuid().ShouldBe(Station);
    }

    [Fact]
    public async Task A_raised_need_opens_for_matching_and_leaves_it_when_the_case_closes()
    {
        var caseId = Guid.NewGuid();
        var needId = Guid.NewGuid();
        var caseworker = services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station);
        (await caseworker.PostAsJsonAsync("/cases", NewCase(caseId))).EnsureSuccessStatusCode();
        (await caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { needId, category = "MealDelivery", urgency = "Urgent" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var admin = services.Matching.ClientAs(Roles.Admin);
        var open = await Eventually.Until(() => GetJson(admin, $"/mirrored-needs/{needId}"), json => json is not null, "the need in Matching");
        open!.Value.GetProperty("status").GetString().ShouldBe("Open");
        open.Value.GetProperty("urgency").GetString().ShouldBe("Urgent");
        open.Value.GetProperty("clientCategories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["EmptyNest", "LivesAlone"]);

        (await caseworker.PostAsJsonAsync($"/cases/{caseId}/close", new { reason = "moved to her son in Taiyuan" })).EnsureSuccessStatusCode();
        await Eventually.Until(() => GetJson(admin, $"/mirrored-needs/{needId}"),
            json => json?.GetProperty("status").GetString() == "Withdrawn", "the need to leave matching with its case");
    }

    [Fact]
    public async Task A_reassignment_moves_the_case_between_caseworkers_in_the_directory()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var caseId = Guid.NewGuid();
        (await services.Cases.ClientAs(Roles.Caseworker, first, Station).PostAsJsonAsync("/cases", NewCase(caseId)))
            .EnsureSuccessStatusCode();
        var reassigned = await services.Cases.ClientAs(Roles.Supervisor, stationId: Station)
            .PostAsJsonAsync($"/cases/{caseId}/reassign", new { caseworkerId = second, reason = "leave" });
        reassigned.StatusCode.ShouldBe(HttpStatusCode.OK, await reassigned.Content.ReadAsStringAsync());

        var admin = services.Notifications.ClientAs(Roles.Admin);
        await Eventually.Until(() => GetJson(admin, $"/case-responsibilities/{caseId}"),
            json => json is { } j && j.GetProperty("caseworkerId").GetGuid() == second, "the new caseworker answers for the case");
        await Eventually.Until(() => GetJson(admin, $"/recipients/{second}"), json => json is not null, "the new caseworker in the directory");
        var known = await Eventually.Until(() => GetJson(services.Matching.ClientAs(Roles.Admin), $"/known-cases/{caseId}"),
            json => json is { } j && j.GetProperty("caseworkerId").GetGuid() == second, "Matching to follow the reassignment");
        known.ShouldNotBeNull();
    }

    [Fact]
    public async Task Two_concurrent_commands_with_the_same_expected_version_one_wins_the_other_gets_409()
    {
        var caseId = Guid.NewGuid();
        var opened = await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).PostAsJsonAsync("/cases", NewCase(caseId));
        opened.Headers.ETag!.Tag.ShouldBe("\"1\"");

        var supervisor = services.Cases.ClientAs(Roles.Supervisor, stationId: Station);
        var attempts = Enumerable.Range(0, 2).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/cases/{caseId}/reassign")
            {
                Content = JsonContent.Create(new { caseworkerId = Guid.NewGuid() }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            return supervisor.SendAsync(request);
        }).ToList();
        var responses = await Task.WhenAll(attempts);

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var conflict = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("记录在您读取后已被修改"); // zh-CN: the default reader

        await using var session = services.Cases.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId);
        events.Count.ShouldBe(2, "the opening and exactly one reassignment");
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_409_and_nothing_is_written()
    {
        var caseId = Guid.NewGuid();
        await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).PostAsJsonAsync("/cases", NewCase(caseId));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/cases/{caseId}/reassign")
        {
            Content = JsonContent.Create(new { caseworkerId = Guid.NewGuid() }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        var response = await services.Cases.ClientAs(Roles.Supervisor, stationId: Station).SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var session = services.Cases.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamAsync(caseId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task No_token_is_401_wrong_role_is_403_health_is_open()
    {
        var anonymous = services.Cases.CreateClient();
        (await anonymous.PostAsJsonAsync("/cases", NewCase())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"/cases/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await services.Notifications.CreateClient().GetAsync($"/recipients/{Guid.NewGuid()}")).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);

        var volunteer = services.Cases.ClientAs(Roles.Volunteer, stationId: Station);
        (await volunteer.PostAsJsonAsync("/cases", NewCase())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var caseworker = services.Cases.ClientAs(Roles.Caseworker, stationId: Station);
        (await caseworker.PostAsJsonAsync($"/cases/{Guid.NewGuid()}/reassign", new { caseworkerId = Guid.NewGuid() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var forged = services.Cases.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer",
            DevelopmentTokens.Mint(new AuthSettings { DevelopmentSigningKey = "another-key-another-key-another-key-another-key" },
                Guid.NewGuid(), [Roles.Admin]));
        (await forged.GetAsync($"/cases/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_stations_case_is_not_found_and_opening_for_it_is_forbidden()
    {
        var caseId = Guid.NewGuid();
        await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).PostAsJsonAsync("/cases", NewCase(caseId));
        var stranger = services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Guid.NewGuid());
        (await stranger.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync("/cases", NewCase())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).GetAsync($"/cases/{caseId}"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Repeating_a_create_with_the_same_id_answers_with_the_same_case()
    {
        var caseworker = Guid.NewGuid();
        var body = NewCase(Guid.NewGuid(), caseworker);
        var client = services.Cases.ClientAs(Roles.Caseworker, caseworker, Station);
        (await client.PostAsJsonAsync("/cases", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await client.PostAsJsonAsync("/cases", body);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    private const string Where = "\"location\": {\"district\": \"a\", \"township\": \"b\", \"grid\": \"c\"}";

    public static TheoryData<string, string[]> BadBodies => new()
    {
        { "{\"caseId\": \"CASE_ID\", \"stationId\": ", ["body"] },
        { "[1,2]", ["body"] },
        { "{\"caseId\": \"CASE_ID\", \"stationId\": 42, \"clientGroup\": \"Elderly\", " + Where + "}", ["stationId"] },
        { "{\"caseId\": \"CASE_ID\", \"stationId\": \"STATION\", \"clientGroup\": \"Martian\", \"categories\": [\"Sad\"], " + Where + "}", ["clientGroup", "categories[0]"] },
        { "{\"caseId\": \"CASE_ID\"}", ["stationId", "clientGroup", "location.district", "location.township", "location.grid"] },
        { "{\"caseId\": \"CASE_ID\", \"stationId\": \"STATION\", \"clientGroup\": \"Elderly\", \"location\": {\"district\": 5, \"township\": \"b\", \"grid\": \"c\"}}", ["location.district"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_naming_each_field_and_writes_nothing(string body, string[] fields)
    {
        var caseId = Guid.NewGuid();
        var json = body.Replace("CASE_ID", caseId.ToString()).Replace("STATION", Station.ToString());
        var response = await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station)
            .PostAsync("/cases", new StringContent(json, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        errors.ShouldBe(fields, ignoreOrder: true, text);

        await using var session = services.Cases.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamStateAsync(caseId)).ShouldBeNull();
    }

    [Fact]
    public async Task A_missing_body_and_an_unreadable_query_value_are_400_naming_what_is_wrong()
    {
        var client = services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station);
        client.DefaultRequestHeaders.Add("Accept-Language", "en");
        var empty = await client.PostAsync("/cases", new StringContent("null", Encoding.UTF8, "application/json"));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString().ShouldBe("is required: send a JSON object.");

        var asOf = await client.GetAsync($"/cases/{Guid.NewGuid()}?asOf=yesterday");
        asOf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await asOf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("asOf")[0].GetString().ShouldBe("cannot be read from \"yesterday\".");

        // Without Accept-Language the reader is Chinese: a sentence naming the field, the field name unchanged.
        var chinese = await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).GetAsync($"/cases/{Guid.NewGuid()}?asOf=yesterday");
        chinese.Content.Headers.ContentLanguage.ShouldBe(["zh-CN"]);
        (await chinese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("asOf")[0].GetString()
            .ShouldBe("字段“asOf”无法从 \"yesterday\" 读取。");
    }

    [Fact]
    public async Task A_domain_rule_refusal_is_422_with_its_code()
    {
        var response = await services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station).PostAsJsonAsync("/cases", new
        {
            stationId = Station, clientGroup = "Child", categories = new[] { "LivesAlone" },
            location = new { district = "灵丘县", township = "武灵镇", grid = "WL-01" },
        });
        response.StatusCode.ShouldBe((HttpStatusCode)422);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("rule").GetString().ShouldBe("case.category-not-for-group");
    }

    private static async Task<JsonElement?> GetJson(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
