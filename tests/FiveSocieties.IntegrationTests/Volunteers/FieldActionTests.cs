using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>
/// The phone's answers over HTTP as its offline queue replays them: each with its own action id
/// and the time it happened, a repeat acting once, a time outside the window refused.
/// </summary>
public sealed class FieldActionTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();
    private HttpClient Coordinator => service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
    private HttpClient As(Guid volunteer) => service.ClientAs(Roles.Volunteer, volunteer);

    private async Task<(Guid Volunteer, Guid Delivery, Guid Case)> OfferedDeliveryAsync()
    {
        var date = service.LocalToday.AddDays(1);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "吴奶奶", 40.095, 113.30);
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var delivery = (await VolunteersService.GetJson(Coordinator, $"/deliveries?date={date:yyyy-MM-dd}")).EnumerateArray()
            .Single(d => d.GetProperty("caseId").GetGuid() == caseId).GetProperty("id").GetGuid();
        return (volunteer, delivery, caseId);
    }

    private static async Task<JsonElement> Answer(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Actions_replayed_after_a_lost_answer_act_once_answer_as_the_first_time_and_keep_when_they_happened()
    {
        var (volunteer, id, caseId) = await OfferedDeliveryAsync();
        var phone = As(volunteer);
        var now = service.Clock.GetUtcNow();
        var accept = new { actionId = Guid.NewGuid(), occurredAt = now.AddHours(-3) };
        var pickUp = new { actionId = Guid.NewGuid(), occurredAt = now.AddHours(-2) };
        var deliver = new { actionId = Guid.NewGuid(), occurredAt = now.AddHours(-1), wellbeing = "Fine" };

        var accepted = await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/accept", accept), HttpStatusCode.OK);
        var picked = await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/pickup", pickUp), HttpStatusCode.OK);
        var done = await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/complete", deliver), HttpStatusCode.OK);
        done.GetProperty("status").GetString().ShouldBe("Completed");

        // The queue replays all three, as after an answer lost on the way back to the phone.
        (await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/accept", accept), HttpStatusCode.OK)).ToString().ShouldBe(accepted.ToString());
        (await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/pickup", pickUp), HttpStatusCode.OK)).ToString().ShouldBe(picked.ToString());
        (await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/complete", deliver), HttpStatusCode.OK)).ToString().ShouldBe(done.ToString());

        var completed = await service.Eventually(
            () => Task.FromResult(service.Heard.Of<V1.DeliveryCompleted>().FirstOrDefault(c => c.DeliveryId == id)), c => c is not null, "DeliveryCompleted");
        completed!.OccurredAt.ShouldBe(deliver.occurredAt, "the case hears when the meal was delivered, not when the phone found signal");
        completed.CaseId.ShouldBe(caseId);
        var statement = await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/hours");
        statement.GetProperty("balance").GetDecimal().ShouldBe(0.5m, "credited once");
        var tasks = await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/tasks");
        tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt64()
            .ShouldBe(done.GetProperty("version").GetInt64(), "no event was appended by the replays");
        service.Heard.Of<V1.DeliveryCompleted>().Count(c => c.DeliveryId == id).ShouldBe(1);
    }

    [Fact]
    public async Task A_time_outside_the_offline_window_is_refused_naming_occurredAt_and_changes_nothing()
    {
        var (volunteer, id, _) = await OfferedDeliveryAsync();
        var phone = As(volunteer);
        var now = service.Clock.GetUtcNow();
        foreach (var (at, rule) in new[] { (now.AddHours(-49), "action.occurred-too-long-ago"), (now.AddMinutes(30), "action.occurred-in-the-future") })
        {
            var refused = await Answer(await phone.PostAsJsonAsync($"/deliveries/{id}/accept", new { actionId = Guid.NewGuid(), occurredAt = at }),
                HttpStatusCode.UnprocessableEntity);
            refused.GetProperty("rule").GetString().ShouldBe(rule);
            refused.GetProperty("field").GetString().ShouldBe("occurredAt");
        }
        var hours = await phone.PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { reportId = Guid.NewGuid(), hours = 1, date = service.LocalToday, note = "帮邻居买药", occurredAt = now.AddDays(-3) });
        (await Answer(hours, HttpStatusCode.UnprocessableEntity)).GetProperty("field").GetString().ShouldBe("occurredAt");
        var tasks = await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/tasks");
        tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id).GetProperty("status").GetString().ShouldBe("Offered");
    }

    [Fact]
    public async Task Hours_reported_offline_keep_when_they_were_reported_and_a_replay_reports_them_once()
    {
        var (volunteer, _, _) = await OfferedDeliveryAsync();
        var phone = As(volunteer);
        var report = new
        {
            reportId = Guid.NewGuid(), hours = 1.5m, date = service.LocalToday.AddDays(-1), note = "陪王奶奶去医院",
            occurredAt = service.Clock.GetUtcNow().AddHours(-5),
        };
        (await phone.PostAsJsonAsync($"/volunteers/{volunteer}/hours", report)).EnsureSuccessStatusCode();
        (await phone.PostAsJsonAsync($"/volunteers/{volunteer}/hours", report)).EnsureSuccessStatusCode();
        var reports = (await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/hours")).GetProperty("reports").EnumerateArray().ToArray();
        reports.ShouldHaveSingleItem().GetProperty("reportedAt").GetDateTimeOffset().ShouldBe(report.occurredAt);
    }

    [Fact]
    public async Task A_missed_meal_may_be_for_the_recipient_being_unwell_and_an_empty_action_id_is_a_bad_request()
    {
        var (volunteer, id, _) = await OfferedDeliveryAsync();
        var phone = As(volunteer);
        var bad = await phone.PostAsJsonAsync($"/deliveries/{id}/accept", new { actionId = Guid.Empty });
        (await Answer(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("actionId", out _).ShouldBeTrue();
        (await phone.PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        var missed = await phone.PostAsJsonAsync($"/deliveries/{id}/miss", new { reason = "Unwell", actionId = Guid.NewGuid() });
        (await Answer(missed, HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Missed");
        var heard = await service.Eventually(
            () => Task.FromResult(service.Heard.Of<V1.DeliveryMissed>().FirstOrDefault(m => m.DeliveryId == id)), m => m is not null, "DeliveryMissed");
        heard!.Reason.ShouldBe(V1.MissReason.Unwell);
    }

    [Fact]
    public async Task The_recipients_address_and_phone_show_only_while_the_accepted_tasks_window_is_open_and_each_read_is_audited()
    {
        var date = service.LocalToday.AddDays(1);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "周爷爷", 40.095, 113.30);
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var phone = As(volunteer);
        var id = (await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/tasks")).EnumerateArray().Single().GetProperty("id").GetGuid();
        // The morning run plans the next day's meal too once the clock passes 06:00: this test follows the first.
        async Task<JsonElement> TaskAsync() =>
            (await VolunteersService.GetJson(phone, $"/volunteers/{volunteer}/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        var offered = await TaskAsync();
        offered.TryGetProperty("recipient", out _).ShouldBeFalse("on offer: where and when, not who");
        offered.GetProperty("kind").GetString().ShouldBe("MealDelivery");
        (await phone.PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        var accepted = await TaskAsync();
        accepted.TryGetProperty("recipient", out _).ShouldBeFalse("accepted, but the window is tomorrow");

        service.Clock.Advance(accepted.GetProperty("detailsFrom").GetDateTimeOffset() - service.Clock.GetUtcNow());
        var recipient = (await TaskAsync()).GetProperty("recipient");
        recipient.GetProperty("name").GetString().ShouldBe("周爷爷");
        recipient.GetProperty("phone").GetString().ShouldBe("13800001111");
        recipient.GetProperty("dietaryNotes").GetString().ShouldBe("低盐 low salt");
        (await phone.PostAsync($"/deliveries/{id}/pickup", null)).EnsureSuccessStatusCode();
        (await TaskAsync()).TryGetProperty("recipient", out _).ShouldBeTrue("picked up, still theirs");

        // The coordinator's list of enrolments showed them too (its reads are its own); the task lists' are these.
        async Task<JsonElement[]> TaskReadsAsync() => (await VolunteersService.GetJson(Coordinator, $"/recipient-reads?caseId={caseId}"))
            .EnumerateArray().Where(r => r.GetProperty("where").GetString() == "volunteer-task").ToArray();
        var reads = await TaskReadsAsync();
        reads.Length.ShouldBe(2, "one per list that showed the details");
        reads[0].GetProperty("readerId").GetGuid().ShouldBe(volunteer);
        reads[0].GetProperty("deliveryId").GetGuid().ShouldBe(id);
        (await service.ClientAs(Roles.Supervisor, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/recipient-reads?caseId={caseId}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "another station's case");
        // Cases hears of each read, for the case's one access audit: ids and roles, never the details read.
        var told = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.RecipientDetailsShown>()
                .Where(r => r.CaseId == caseId && r.Where == "volunteer-task").ToList()),
            list => list.Count == 2, "both reads told to Cases");
        told.ShouldAllBe(r => r.ReaderId == volunteer && r.DeliveryId == id && r.VolunteerId == volunteer);

        service.Clock.Advance(accepted.GetProperty("detailsUntil").GetDateTimeOffset() - service.Clock.GetUtcNow());
        (await TaskAsync()).TryGetProperty("recipient", out _).ShouldBeFalse("the window has closed");
        (await TaskReadsAsync()).Length.ShouldBe(2);
    }
}
