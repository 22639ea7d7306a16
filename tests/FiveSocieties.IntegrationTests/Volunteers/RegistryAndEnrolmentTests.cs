using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Enrolments;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

public sealed class RegistryAndEnrolmentTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_volunteer_registers_themself_once_and_other_services_hear_of_it()
    {
        var id = Guid.NewGuid();
        var client = service.ClientAs(Roles.Volunteer, id);
        var body = new
        {
            stationId = _station, name = "王秀英", phone = "13900000001", home = new { latitude = 40.08, longitude = 113.30 },
            skills = new[] { "MealDelivery", "Companionship" }, languages = new[] { "zh-CN" }, isSenior = true,
        };
        var first = await client.PostAsJsonAsync("/volunteers", body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        first.Headers.Location!.ToString().ShouldBe($"/volunteers/{id}");
        (await client.PostAsJsonAsync("/volunteers", body)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var registered = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.VolunteerRegistered>().FirstOrDefault(r => r.VolunteerId == id)),
            r => r is not null, "VolunteerRegistered on the bus");
        registered!.IsSenior.ShouldBeTrue();
        registered.Skills.ShouldBe([V1.VolunteerSkill.MealDelivery, V1.VolunteerSkill.Companionship]);

        var record = await VolunteersService.GetJson(client, $"/volunteers/{id}");
        record.GetProperty("status").GetString().ShouldBe("Active");
        (await service.ClientAs(Roles.Volunteer, Guid.NewGuid()).GetAsync($"/volunteers/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_station_lists_its_own_volunteers_by_name_paged_and_narrowed_by_status()
    {
        var coordinator = service.ClientAs(Roles.Coordinator, Guid.NewGuid(), _station);
        var admin = service.ClientAs(Roles.Admin, Guid.NewGuid());
        var ids = new List<Guid>();
        foreach (var name in new[] { "丙", "甲", "乙" })
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            (await admin.PostAsJsonAsync("/volunteers", new
            {
                volunteerId = id, stationId = _station, name, phone = "13900000002", home = new { latitude = 40.08, longitude = 113.30 },
                skills = new[] { "MealDelivery" },
            })).EnsureSuccessStatusCode();
        }
        (await admin.PostAsJsonAsync($"/volunteers/{ids[0]}/suspend", new { reason = "moved away" })).EnsureSuccessStatusCode();
        // Another station's volunteer is not on this list.
        (await admin.PostAsJsonAsync("/volunteers", new
        {
            stationId = Guid.NewGuid(), name = "外站", phone = "13900000003", home = new { latitude = 40.0, longitude = 113.0 }, skills = new[] { "Escort" },
        })).EnsureSuccessStatusCode();

        var first = await VolunteersService.GetJson(coordinator, "/volunteers?pageSize=2");
        first.GetProperty("total").GetInt64().ShouldBe(3);
        first.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["丙", "乙"]);
        first.GetProperty("items")[0].TryGetProperty("phone", out _).ShouldBeFalse("a list carries no phone");
        var second = await VolunteersService.GetJson(coordinator, "/volunteers?pageSize=2&page=2");
        second.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["甲"]);
        var active = await VolunteersService.GetJson(coordinator, $"/volunteers?stationId={_station}&status=Active");
        active.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([ids[2], ids[1]], ignoreOrder: true);

        (await coordinator.GetAsync($"/volunteers?stationId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await Problem(await coordinator.GetAsync("/volunteers?pageSize=0"), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue(bad.ToString());
        var unknown = await Problem(await coordinator.GetAsync("/volunteers?status=Sleeping"), HttpStatusCode.BadRequest);
        unknown.ToString().ShouldContain("status");
    }

    [Fact]
    public async Task Malformed_registrations_name_every_field_and_someone_elses_id_is_refused()
    {
        var client = service.ClientAs(Roles.Volunteer, Guid.NewGuid());
        var problem = await Problem(await client.PostAsJsonAsync("/volunteers", new { volunteerId = Guid.NewGuid(), home = new { latitude = 95.0 } }),
            HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "stationId", "name", "phone", "home.longitude", "skills", "volunteerId" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var wrongType = await Problem(await client.PostAsync("/volunteers",
            new StringContent("""{"stationId":"x","skills":["Juggling"]}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        wrongType.GetProperty("errors").TryGetProperty("skills[0]", out _).ShouldBeTrue(wrongType.ToString());
    }

    [Fact]
    public async Task An_availability_slot_ending_before_it_starts_is_refused_by_rule_and_a_stale_version_conflicts()
    {
        var id = await service.VolunteerAsync(_station, 40.08, 113.3);
        var client = service.ClientAs(Roles.Volunteer, id);
        var refused = await Problem(await client.PutAsJsonAsync($"/volunteers/{id}/availability",
            new { slots = new[] { new { days = new[] { "Monday" }, from = "14:00", to = "09:00" } } }), (HttpStatusCode)422);
        refused.GetProperty("rule").GetString().ShouldBe("availability.slot-ends-before-start");

        var missing = await Problem(await client.PutAsJsonAsync($"/volunteers/{id}/availability", new { slots = new[] { new { days = Array.Empty<string>() } } }),
            HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("slots[0].from", out _).ShouldBeTrue();

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/volunteers/{id}/availability")
        {
            Content = JsonContent.Create(new { slots = new[] { new { days = new[] { "Friday" }, from = "09:00", to = "11:00" } } }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await client.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_coordinator_records_the_background_check_and_suspends_only_their_own_stations_volunteers()
    {
        var id = await service.VolunteerAsync(_station, 40.08, 113.3);
        var coordinator = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
        (await coordinator.PostAsJsonAsync($"/volunteers/{id}/background-check", new { status = "Cleared" })).EnsureSuccessStatusCode();
        (await coordinator.PostAsJsonAsync($"/volunteers/{id}/suspend", new { reason = "on leave" })).EnsureSuccessStatusCode();
        var record = await VolunteersService.GetJson(coordinator, $"/volunteers/{id}");
        record.GetProperty("backgroundCheck").GetString().ShouldBe("Cleared");
        record.GetProperty("status").GetString().ShouldBe("Suspended");
        (await coordinator.PostAsync($"/volunteers/{id}/reactivate", null)).EnsureSuccessStatusCode();

        var other = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid());
        (await other.PostAsJsonAsync($"/volunteers/{id}/suspend", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.ClientAs(Roles.Volunteer, id).PostAsJsonAsync($"/volunteers/{id}/suspend", new { reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Shared_details_then_the_accepted_referral_enrol_the_household_and_revocation_deletes_every_readable_trace()
    {
        var caseId = Guid.NewGuid();
        const string name = "孙桂兰-" + "4711";
        // The details overtake the referral on the bus: the household is enrolled once both arrived.
        var consent = Guid.NewGuid();
        await service.RecipientShared(caseId, _station, name, 40.1, 113.31, livesAlone: true, consentId: consent);
        var coordinatorId = Guid.NewGuid();
        var coordinator = service.ClientAs(Roles.Supervisor, coordinatorId, _station);
        await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "AwaitingReferral"),
            "details held, awaiting the referral");
        await service.ReferralAccepted(caseId, _station);
        var enrolled = await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"),
            "enrolled");
        var view = enrolled.EnumerateArray().Single(e => e.GetProperty("caseId").GetGuid() == caseId);
        view.GetProperty("recipient").GetProperty("name").GetString().ShouldBe(name);
        view.GetProperty("days").GetArrayLength().ShouldBe(7);
        view.GetProperty("windowFrom").GetString().ShouldBe("11:00:00");
        (await VolunteersService.GetJson(service.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()), "/enrolments")).GetArrayLength().ShouldBe(0);
        (await CountTextInSchemaAsync(name)).ShouldBe(0, "the name is stored only sealed");
        // Each list that showed the recipient is on the audit of reads, as the coordinator's, on the list of enrolments.
        await using (var audit = service.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var reads = await audit.Events.QueryRawEventDataOnly<RecipientDetailsRead>().Where(r => r.CaseId == caseId).ToListAsync();
            reads.ShouldNotBeEmpty();
            reads.ShouldAllBe(r => r.Where == RecipientDetailsRead.OnEnrolments && r.ReaderId == coordinatorId && r.DeliveryId == Guid.Empty);
        }

        await service.Others.Publish(new V1.DeliveryRecipientRevoked(Guid.NewGuid(), service.Clock.GetUtcNow(), consent, caseId,
            V1.SharingRevocationCause.ConsentWithdrawn));
        var ended = await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Ended"),
            "enrolment ended");
        ended.EnumerateArray().Single(e => e.GetProperty("caseId").GetGuid() == caseId).TryGetProperty("recipient", out _).ShouldBeFalse();

        await using var session = service.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await service.Host.Services.GetRequiredService<IPersonalKeyStore>().FindAsync(caseId, default)).ShouldBeNull("the key is shredded");
        var document = await session.LoadAsync<MealEnrolment>(MealEnrolment.IdFor(caseId));
        document!.SealedDetails.ShouldBeNull();
        var sealedInHistory = await session.Events.QueryRawEventDataOnly<RecipientDetailsShared>().Where(e => e.CaseId == caseId).SingleAsync();
        RecipientVault.Open(null, sealedInHistory.SealedDetails).ShouldBeNull();
        (await CountTextInSchemaAsync(name)).ShouldBe(0);
    }

    [Fact]
    public async Task Hours_a_volunteer_reports_count_once_their_coordinator_confirms_them()
    {
        var id = await service.VolunteerAsync(_station, 40.08, 113.3);
        var volunteer = service.ClientAs(Roles.Volunteer, id);
        var reportId = Guid.NewGuid();
        var yesterday = service.LocalToday.AddDays(-1);
        (await volunteer.PostAsJsonAsync($"/volunteers/{id}/hours", new { reportId, hours = 2.5, date = yesterday, note = "陪赵大爷去医院 hospital escort" }))
            .EnsureSuccessStatusCode();
        var pending = await VolunteersService.GetJson(volunteer, $"/volunteers/{id}/hours");
        pending.GetProperty("balance").GetDecimal().ShouldBe(0m);
        pending.GetProperty("reports").EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("Pending");
        (await Problem(await volunteer.PostAsJsonAsync($"/volunteers/{id}/hours", new { hours = 30, date = yesterday, note = "x" }), (HttpStatusCode)422))
            .GetProperty("rule").GetString().ShouldBe("hours.out-of-range");
        (await volunteer.PostAsync($"/volunteers/{id}/hours/{reportId}/confirm", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var coordinator = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
        (await coordinator.PostAsync($"/volunteers/{id}/hours/{reportId}/confirm", null)).EnsureSuccessStatusCode();
        (await coordinator.PostAsync($"/volunteers/{id}/hours/{reportId}/confirm", null)).EnsureSuccessStatusCode();
        var statement = await VolunteersService.GetJson(volunteer, $"/volunteers/{id}/hours");
        statement.GetProperty("balance").GetDecimal().ShouldBe(2.5m);
        statement.GetProperty("entries").EnumerateArray().Single().GetProperty("source").GetString().ShouldBe("Reported");
        var credited = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.VolunteerHoursCredited>().Where(h => h.VolunteerId == id).ToList()),
            list => list.Count == 1, "one VolunteerHoursCredited");
        credited[0].Source.ShouldBe(V1.HoursSource.Reported);
        credited[0].StationId.ShouldBe(_station);

        // The station's month: the same hours as the statement, per volunteer for its own staff, totals for an admin.
        var month = await VolunteersService.GetJson(coordinator, $"/stations/{_station}/volunteer-hours");
        month.GetProperty("totalHours").GetDecimal().ShouldBe(statement.GetProperty("balance").GetDecimal());
        month.GetProperty("hoursBySource").GetProperty("Reported").GetDecimal().ShouldBe(2.5m);
        var row = month.GetProperty("volunteers").EnumerateArray().Single();
        (row.GetProperty("volunteerId").GetGuid(), row.GetProperty("reportedHours").GetDecimal(), row.GetProperty("entries").GetInt32()).ShouldBe((id, 2.5m, 1));
        var forAdmin = await VolunteersService.GetJson(service.ClientAs(Roles.Admin, Guid.NewGuid()), $"/stations/{_station}/volunteer-hours");
        (forAdmin.GetProperty("listsVolunteers").GetBoolean(), forAdmin.GetProperty("volunteers").GetArrayLength(), forAdmin.GetProperty("totalHours").GetDecimal())
            .ShouldBe((false, 0, 2.5m));
        (await service.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/stations/{_station}/volunteer-hours"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Problem(await coordinator.GetAsync($"/stations/{_station}/volunteer-hours?month=2026-00"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("month", out _).ShouldBeTrue();
        var file = await coordinator.GetAsync($"/stations/{_station}/volunteer-hours?format=xlsx");
        using var workbook = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var perVolunteer = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "志愿者明细").Cast<IDictionary<string, object>>().ToList();
        perVolunteer.Select(r => r["志愿者编号"]).ShouldBe([id.ToString(), "合计"]);
        Convert.ToDecimal(perVolunteer[^1]["时长（小时）"]).ShouldBe(2.5m);
    }

    [Fact]
    public async Task Details_whose_revocation_overtook_them_on_the_bus_are_never_kept()
    {
        var caseId = Guid.NewGuid();
        var consent = Guid.NewGuid();
        await service.Others.Publish(new V1.DeliveryRecipientRevoked(Guid.NewGuid(), service.Clock.GetUtcNow(), consent, caseId,
            V1.SharingRevocationCause.ConsentWithdrawn));
        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        await service.Eventually(async () =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<MealEnrolment>(MealEnrolment.IdFor(caseId));
        }, e => e?.RevokedConsents.Contains(consent) == true, "the revocation remembered");

        var shareMessage = Guid.NewGuid();
        await service.RecipientShared(caseId, _station, "迟到的详情", 40.1, 113.31, consentId: consent, messageId: shareMessage);
        await service.Eventually(async () =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<FiveSocieties.BuildingBlocks.Messaging.InboxRecord>(
                FiveSocieties.BuildingBlocks.Messaging.InboxRecord.IdFor(typeof(FiveSocieties.Volunteers.Integration.Incoming.DeliveryRecipientSharedConsumer), shareMessage));
        }, r => r is not null, "the late share handled");
        await service.ReferralAccepted(caseId, _station);
        var coordinator = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
        var list = await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId), "the referral's half");
        var view = list.EnumerateArray().Single(e => e.GetProperty("caseId").GetGuid() == caseId);
        view.GetProperty("status").GetString().ShouldBe("AwaitingDetails");
        view.TryGetProperty("recipient", out _).ShouldBeFalse();
        await using var check = store.QuerySession();
        (await service.Host.Services.GetRequiredService<IPersonalKeyStore>().FindAsync(caseId, default)).ShouldBeNull();
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("erased")]
    [InlineData("need-withdrawn")]
    public async Task A_closed_case_an_erased_client_or_a_withdrawn_need_ends_the_enrolment(string how)
    {
        var caseId = Guid.NewGuid();
        var needId = Guid.NewGuid();
        await service.RecipientShared(caseId, _station, "赵大爷", 40.1, 113.31);
        await service.ReferralAccepted(caseId, _station, needId);
        var coordinator = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
        await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"), "enrolled");
        var now = service.Clock.GetUtcNow();
        object message = how switch
        {
            "closed" => new V1.CaseClosed(Guid.NewGuid(), now, caseId, _station),
            "erased" => new V1.ClientDataErased(Guid.NewGuid(), now, caseId),
            _ => new V1.NeedWithdrawn(Guid.NewGuid(), now, needId, caseId, default),
        };
        await service.Others.Publish(message);
        var ended = await service.Eventually(() => VolunteersService.GetJson(coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Ended"), "ended");
        ended.EnumerateArray().Single(e => e.GetProperty("caseId").GetGuid() == caseId).GetProperty("endCause").GetString()
            .ShouldBe(how switch { "closed" => "CaseClosed", "erased" => "ClientDataErased", _ => "NeedWithdrawn" });
        await using var session = service.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await service.Host.Services.GetRequiredService<IPersonalKeyStore>().FindAsync(caseId, default)).ShouldBeNull();
    }

    /// <summary>Rows of any table in the service's schema whose text contains <paramref name="text"/>.</summary>
    private async Task<long> CountTextInSchemaAsync(string text)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.LocalServers.PostgresFor(Infrastructure.LocalServers.TestDatabase));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = $1", connection)
                     { Parameters = { new() { Value = service.Host.Schema } } })
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        long total = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from \"{service.Host.Schema}\".\"{table}\" t where t::text like $1", connection)
                { Parameters = { new() { Value = "%" + text + "%" } } };
            total += (long)(await count.ExecuteScalarAsync())!;
        }
        return total;
    }
}
