using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>
/// Planning, offering, reassigning and the outcomes of deliveries, on a clock the tests move.
/// Each test has its own station and plans days relative to the clock when it starts.
/// </summary>
public sealed class DispatchTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();
    private HttpClient Coordinator => service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
    private HttpClient As(Guid volunteer) => service.ClientAs(Roles.Volunteer, volunteer);

    private async Task<JsonElement> PlanAsync(DateOnly date)
    {
        var response = await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date });
        return await Infrastructure.HttpJson.Json(response);
    }

    private async Task<JsonElement[]> DeliveriesAsync(DateOnly date) =>
        (await VolunteersService.GetJson(Coordinator, $"/deliveries?date={date:yyyy-MM-dd}")).EnumerateArray().ToArray();

    private async Task<JsonElement> DeliveryAsync(DateOnly date, Guid caseId) =>
        (await DeliveriesAsync(date)).Single(d => d.GetProperty("caseId").GetGuid() == caseId);

    private static async Task<JsonElement> Rule(HttpResponseMessage response, string rule)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(422, text);
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("rule").GetString().ShouldBe(rule);
        return json.Clone();
    }

    /// <summary>A volunteer acting on another's task: 403, naming the rule.</summary>
    private static async Task Forbidden(HttpResponseMessage response, string rule)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(403, text);
        JsonDocument.Parse(text).RootElement.GetProperty("rule").GetString().ShouldBe(rule);
    }

    [Fact]
    public async Task Planning_a_day_creates_one_delivery_per_household_offers_them_along_routes_and_planning_again_creates_nothing()
    {
        var date = service.LocalToday.AddDays(3);
        var near = await service.VolunteerAsync(_station, 40.092, 113.296);
        var far = await service.VolunteerAsync(_station, 40.30, 113.60);
        var households = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        for (var i = 0; i < households.Length; i++) await service.EnrolAsync(households[i], _station, $"住户{i}", 40.095 + i * 0.002, 113.30);

        var first = await PlanAsync(date);
        first.GetProperty("scheduled").GetInt32().ShouldBe(3);
        first.GetProperty("offered").GetInt32().ShouldBe(3);
        var again = await PlanAsync(date);
        again.GetProperty("scheduled").GetInt32().ShouldBe(0);
        again.GetProperty("offered").GetInt32().ShouldBe(0);

        var deliveries = await DeliveriesAsync(date);
        deliveries.Length.ShouldBe(3);
        deliveries.ShouldAllBe(d => d.GetProperty("status").GetString() == "Offered");
        // The volunteer who lives by the canteen takes all three (capacity 5), in route order 1..3.
        deliveries.ShouldAllBe(d => d.GetProperty("volunteerId").GetGuid() == near);
        deliveries.Select(d => d.GetProperty("routeStop").GetInt32()).Order().ShouldBe([1, 2, 3]);

        var dispatched = await service.Eventually(
            () => Task.FromResult(service.Heard.Of<V1.VolunteerDispatched>().Where(d => d.StationId == _station && d.Date == date).ToList()),
            list => list.Count == 3, "three VolunteerDispatched");
        dispatched.ShouldAllBe(d => d.VolunteerId == near && d.WindowFrom == new TimeOnly(11, 0) && d.RespondBy > service.Clock.GetUtcNow());
        far.ShouldNotBe(near);
    }

    [Fact]
    public async Task A_canteen_withdrawing_its_offer_cancels_the_households_coming_meals_and_the_next_canteens_referral_enrols_it_again()
    {
        var date = service.LocalToday.AddDays(3);
        await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        var needId = Guid.NewGuid();
        var referralId = Guid.NewGuid();
        await service.CaseOpened(caseId, _station);
        await service.RecipientShared(caseId, _station, "钱奶奶", 40.095, 113.30);
        await service.Others.Publish(Accepted(caseId, needId, referralId));
        await EnrolmentStatusAsync(caseId, "Enrolled");
        await PlanAsync(date);
        (await DeliveryAsync(date, caseId)).GetProperty("status").GetString().ShouldBe("Offered");

        await service.Others.Publish(new V1.ReferralCancelled(Guid.NewGuid(), service.Clock.GetUtcNow(), referralId, needId, caseId, _station,
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), V1.ReferralStep.Accepted, V1.ReferralCancelCause.OfferWithdrawn));

        await EnrolmentStatusAsync(caseId, "AwaitingReferral");
        await service.Eventually(() => DeliveryAsync(date, caseId), d => d.GetProperty("status").GetString() == "Cancelled", "the meal cancelled");

        // Matching proposes the next canteen; its acceptance enrols the household with the details already held.
        await service.Others.Publish(Accepted(caseId, needId, Guid.NewGuid()));
        await EnrolmentStatusAsync(caseId, "Enrolled");
    }

    private V1.ReferralAccepted Accepted(Guid caseId, Guid needId, Guid referralId) =>
        new(Guid.NewGuid(), service.Clock.GetUtcNow(), referralId, needId, caseId, _station, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "平城区长者食堂", V1.NeedCategory.MealDelivery, VolunteersService.Canteen,
            new V1.WeeklySchedule(Enum.GetValues<DayOfWeek>(), new TimeOnly(11, 0), new TimeOnly(12, 30)));

    private Task<JsonElement> EnrolmentStatusAsync(Guid caseId, string status) =>
        service.Eventually(() => VolunteersService.GetJson(Coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == status),
            $"enrolment {status}");

    [Fact]
    public async Task Only_the_offered_volunteer_may_answer_a_decline_goes_to_the_next_and_nobody_left_alerts_the_coordinator()
    {
        var date = service.LocalToday.AddDays(3);
        var first = await service.VolunteerAsync(_station, 40.092, 113.296);
        var second = await service.VolunteerAsync(_station, 40.12, 113.33);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "钱奶奶", 40.095, 113.30);
        await PlanAsync(date);
        var delivery = await DeliveryAsync(date, caseId);
        var id = delivery.GetProperty("id").GetGuid();
        delivery.GetProperty("volunteerId").GetGuid().ShouldBe(first);

        await Forbidden(await As(second).PostAsync($"/deliveries/{id}/accept", null), "delivery.not-your-task");
        await Forbidden(await As(second).PostAsync($"/deliveries/{id}/decline", null), "delivery.not-your-task");
        (await As(first).PostAsync($"/deliveries/{Guid.NewGuid()}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await As(first).PostAsync($"/deliveries/{id}/decline", null)).EnsureSuccessStatusCode();
        (await DeliveryAsync(date, caseId)).GetProperty("volunteerId").GetGuid().ShouldBe(second);
        (await As(second).PostAsync($"/deliveries/{id}/decline", null)).EnsureSuccessStatusCode();
        (await DeliveryAsync(date, caseId)).GetProperty("status").GetString().ShouldBe("Unassigned");

        var failed = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.DispatchFailed>().FirstOrDefault(f => f.TaskId == id)),
            f => f is not null, "DispatchFailed");
        failed!.Reason.ShouldBe(V1.DispatchFailureReason.AllVolunteersDeclined);
        failed.CaseId.ShouldBe(caseId);
    }

    [Fact]
    public async Task A_volunteer_sees_only_their_own_tasks_and_no_recipients_details_days_before_the_window()
    {
        var date = service.LocalToday.AddDays(3);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "周爷爷", 40.095, 113.30);
        await PlanAsync(date);
        var tasks = (await VolunteersService.GetJson(As(volunteer), $"/volunteers/{volunteer}/tasks")).EnumerateArray().ToArray();
        var task = tasks.ShouldHaveSingleItem();
        task.GetProperty("status").GetString().ShouldBe("Offered");
        task.TryGetProperty("recipient", out _).ShouldBeFalse("no details before accepting");
        task.GetProperty("area").GetProperty("grid").GetString().ShouldBe("XJ-01");

        (await As(volunteer).PostAsync($"/deliveries/{task.GetProperty("id").GetGuid()}/accept", null)).EnsureSuccessStatusCode();
        var accepted = (await VolunteersService.GetJson(As(volunteer), $"/volunteers/{volunteer}/tasks")).EnumerateArray().Single();
        accepted.TryGetProperty("recipient", out _).ShouldBeFalse("accepted, but its window is days away (FieldActionTests shows it open)");
        accepted.GetProperty("detailsFrom").GetDateTimeOffset().ShouldBeGreaterThan(service.Clock.GetUtcNow());
        accepted.TryGetProperty("livesAlone", out _).ShouldBeFalse();

        (await As(Guid.NewGuid()).GetAsync($"/volunteers/{volunteer}/tasks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Coordinator.GetAsync($"/volunteers/{volunteer}/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Completing_before_pick_up_is_refused_and_a_completed_delivery_credits_the_time_bank()
    {
        var date = service.LocalToday.AddDays(3);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "吴奶奶", 40.095, 113.30);
        await PlanAsync(date);
        var id = (await DeliveryAsync(date, caseId)).GetProperty("id").GetGuid();
        var client = As(volunteer);
        await Rule(await client.PostAsync($"/deliveries/{id}/pickup", null), "delivery.not-accepted");
        (await client.PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        await Rule(await client.PostAsJsonAsync($"/deliveries/{id}/complete", new { wellbeing = "Fine" }), "delivery.not-picked-up");
        var bad = await client.PostAsJsonAsync($"/deliveries/{id}/complete", new { wellbeing = "Concern" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
        (await client.PostAsync($"/deliveries/{id}/pickup", null)).EnsureSuccessStatusCode();
        var done = await client.PostAsJsonAsync($"/deliveries/{id}/complete", new { wellbeing = "Concern", note = "coughing, asked about her pills" });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await client.PostAsJsonAsync($"/deliveries/{id}/complete", new { wellbeing = "Fine" })).StatusCode.ShouldBe(HttpStatusCode.OK, "a repeat changes nothing");

        var statement = await VolunteersService.GetJson(client, $"/volunteers/{volunteer}/hours");
        statement.GetProperty("balance").GetDecimal().ShouldBe(0.5m);
        statement.GetProperty("entries").EnumerateArray().ShouldHaveSingleItem().GetProperty("taskId").GetGuid().ShouldBe(id);

        var completed = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.DeliveryCompleted>().FirstOrDefault(c => c.DeliveryId == id)),
            c => c is not null, "DeliveryCompleted");
        completed!.Wellbeing.ShouldBe(V1.Wellbeing.Concern);
        completed.CaseId.ShouldBe(caseId);
        await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.VolunteerHoursCredited>().Count(h => h.TaskId == id)), n => n == 1, "hours credited");
    }

    [Fact]
    public async Task A_missed_meal_to_someone_who_lives_alone_carries_the_alarm_and_a_refusal_ahead_is_no_miss()
    {
        var date = service.LocalToday.AddDays(3);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var alone = Guid.NewGuid();
        var refusing = Guid.NewGuid();
        await service.EnrolAsync(alone, _station, "郑奶奶", 40.095, 113.30, livesAlone: true);
        await service.EnrolAsync(refusing, _station, "冯爷爷", 40.096, 113.30);
        await PlanAsync(date);
        var missId = (await DeliveryAsync(date, alone)).GetProperty("id").GetGuid();
        var refuseId = (await DeliveryAsync(date, refusing)).GetProperty("id").GetGuid();
        var client = As(volunteer);
        (await client.PostAsync($"/deliveries/{missId}/accept", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/deliveries/{missId}/miss", new { reason = "NoAnswerAtDoor" })).EnsureSuccessStatusCode();
        (await Coordinator.PostAsync($"/deliveries/{refuseId}/refuse", null)).EnsureSuccessStatusCode();
        (await DeliveryAsync(date, refusing)).GetProperty("status").GetString().ShouldBe("Cancelled");

        var missed = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.DeliveryMissed>().FirstOrDefault(m => m.DeliveryId == missId)),
            m => m is not null, "DeliveryMissed");
        missed!.LivesAlone.ShouldBeTrue();
        missed.Reason.ShouldBe(V1.MissReason.NoAnswerAtDoor);
        service.Heard.Of<V1.DeliveryMissed>().ShouldNotContain(m => m.DeliveryId == refuseId);
    }

    [Fact]
    public async Task An_unanswered_offer_goes_to_the_next_volunteer_when_the_clock_passes_its_respond_by_time()
    {
        var date = service.LocalToday.AddDays(3);
        var first = await service.VolunteerAsync(_station, 40.092, 113.296);
        var second = await service.VolunteerAsync(_station, 40.12, 113.33);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "陈奶奶", 40.095, 113.30);
        await PlanAsync(date);
        var offered = await DeliveryAsync(date, caseId);
        offered.GetProperty("volunteerId").GetGuid().ShouldBe(first);
        var respondBy = offered.GetProperty("respondBy").GetDateTimeOffset();

        service.Clock.Advance(respondBy - service.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var reassigned = await service.Eventually(() => DeliveryAsync(date, caseId),
            d => d.GetProperty("volunteerId").ValueKind == JsonValueKind.String && d.GetProperty("volunteerId").GetGuid() == second,
            "the offer to pass to the second volunteer");
        reassigned.GetProperty("status").GetString().ShouldBe("Offered");
        await Forbidden(await As(first).PostAsync($"/deliveries/{reassigned.GetProperty("id").GetGuid()}/accept", null), "delivery.not-your-task");
    }

    [Fact]
    public async Task A_volunteer_who_accepted_but_has_not_picked_up_when_the_window_opens_is_a_no_show_and_the_delivery_is_reassigned()
    {
        var date = service.LocalToday.AddDays(1);
        var first = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "褚爷爷", 40.095, 113.30);
        await PlanAsync(date);
        var id = (await DeliveryAsync(date, caseId)).GetProperty("id").GetGuid();
        (await As(first).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        var second = await service.VolunteerAsync(_station, 40.12, 113.33);

        var windowStart = new DateTimeOffset(date.ToDateTime(new TimeOnly(11, 0)), VolunteersService.Offset);
        service.Clock.Advance(windowStart - service.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var reassigned = await service.Eventually(() => DeliveryAsync(date, caseId),
            d => d.GetProperty("volunteerId").ValueKind == JsonValueKind.String && d.GetProperty("volunteerId").GetGuid() == second,
            "the delivery to pass to the second volunteer");
        reassigned.GetProperty("status").GetString().ShouldBe("Offered");
    }

    [Fact]
    public async Task The_planners_today_is_Beijings_date_at_23_30_UTC()
    {
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "韩奶奶", 40.095, 113.30);
        var now = service.Clock.GetUtcNow();
        var lateEvening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        if (lateEvening <= now) lateEvening = lateEvening.AddDays(1);
        // 07:30 the next morning in Beijing: the morning run plans Beijing's today and tomorrow, not UTC's.
        var today = Infrastructure.Beijing.DateOf(lateEvening);
        today.ShouldBe(DateOnly.FromDateTime(lateEvening.UtcDateTime).AddDays(1));

        service.Clock.Advance(lateEvening - now);

        await service.Eventually(() => DeliveriesAsync(today.AddDays(1)), deliveries => deliveries.Any(d => d.GetProperty("caseId").GetGuid() == caseId),
            "the morning run to plan Beijing's tomorrow");
        (await DeliveriesAsync(today)).ShouldContain(d => d.GetProperty("caseId").GetGuid() == caseId);
    }

    [Fact]
    public async Task The_evening_before_an_accepted_delivery_its_volunteer_is_reminded()
    {
        var now = service.Clock.GetUtcNow().ToOffset(VolunteersService.Offset);
        var evening = new DateTimeOffset(now.Date.AddHours(18).AddMinutes(1), VolunteersService.Offset);
        if (evening <= now) evening = evening.AddDays(1);
        var date = DateOnly.FromDateTime(evening.Date).AddDays(1);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "卫奶奶", 40.095, 113.30);
        await PlanAsync(date);
        var id = (await DeliveryAsync(date, caseId)).GetProperty("id").GetGuid();
        (await As(volunteer).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();

        service.Clock.Advance(evening - service.Clock.GetUtcNow());
        var reminder = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.DeliveryReminderDue>().FirstOrDefault(r => r.TaskId == id)),
            r => r is not null, "DeliveryReminderDue");
        reminder!.VolunteerId.ShouldBe(volunteer);
        reminder.Date.ShouldBe(date);
    }

    [Fact]
    public async Task A_childs_companionship_visits_need_a_background_checked_volunteer_and_a_completed_visit_is_reported_with_its_hours()
    {
        var caseId = Guid.NewGuid();
        await service.CaseOpened(caseId, _station, V1.ClientGroup.Child, V1.ClientCategory.LeftBehind);
        await service.RecipientShared(caseId, _station, "小芳", 40.095, 113.30);
        var admin = service.ClientAs(Roles.Admin, Guid.NewGuid());
        await service.Eventually(() => admin.GetAsync($"/served-cases/{caseId}"), r => r.IsSuccessStatusCode, "the case known");
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296, skill: "Companionship");
        var date = service.LocalToday.AddDays(4);
        var visit = new { caseId, date, from = "15:00", to = "16:30", hours = 1.5, recurrence = "Monthly", occurrences = 3 };

        await Rule(await Coordinator.PostAsJsonAsync("/visits", new { visit.caseId, visit.date, visit.from, visit.to, volunteerId = volunteer }),
            "task.background-check-required");
        var withoutCheck = await Infrastructure.HttpJson.Json(await Coordinator.PostAsJsonAsync("/visits", visit));
        withoutCheck.GetProperty("offered").GetInt32().ShouldBe(0, "the planner offers a child's visit to nobody without a check");

        (await Coordinator.PostAsJsonAsync($"/volunteers/{volunteer}/background-check", new { status = "Cleared" })).EnsureSuccessStatusCode();
        var scheduled = await Infrastructure.HttpJson.Json(await Coordinator.PostAsJsonAsync("/visits", visit with { date = date.AddDays(1) }));
        scheduled.GetProperty("offered").GetInt32().ShouldBe(3);
        var tasks = (await VolunteersService.GetJson(As(volunteer), $"/volunteers/{volunteer}/tasks")).EnumerateArray().ToArray();
        tasks.Length.ShouldBe(3);
        tasks.Select(t => t.GetProperty("date").GetString()).ShouldBe(new[] { date.AddDays(1), date.AddDays(1).AddMonths(1), date.AddDays(1).AddMonths(2) }
            .Select(d => d.ToString("yyyy-MM-dd")));
        var first = tasks[0].GetProperty("id").GetGuid();
        (await As(volunteer).PostAsync($"/deliveries/{first}/accept", null)).EnsureSuccessStatusCode();
        (await As(volunteer).PostAsJsonAsync($"/deliveries/{first}/complete", new { wellbeing = "Fine" })).EnsureSuccessStatusCode();

        var completed = await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.VisitCompleted>().FirstOrDefault(v => v.VisitTaskId == first)),
            v => v is not null, "VisitCompleted");
        completed!.Hours.ShouldBe(1.5m);
        completed.CaseId.ShouldBe(caseId);
        (await VolunteersService.GetJson(As(volunteer), $"/volunteers/{volunteer}/hours")).GetProperty("balance").GetDecimal().ShouldBe(1.5m);
    }

    [Fact]
    public async Task When_consent_runs_out_the_details_are_deleted_and_the_household_is_no_longer_planned()
    {
        var caseId = Guid.NewGuid();
        await service.CaseOpened(caseId, _station);
        await service.RecipientShared(caseId, _station, "蒋奶奶", 40.095, 113.30, validFor: TimeSpan.FromHours(1));
        await service.ReferralAccepted(caseId, _station);
        await service.Eventually(() => VolunteersService.GetJson(Coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Enrolled"),
            "enrolled");

        service.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var ended = await service.Eventually(() => VolunteersService.GetJson(Coordinator, "/enrolments"),
            json => json.EnumerateArray().Any(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("status").GetString() == "Ended"),
            "the enrolment to end with its consent");
        var view = ended.EnumerateArray().Single(e => e.GetProperty("caseId").GetGuid() == caseId);
        view.GetProperty("endCause").GetString().ShouldBe("ConsentExpired");
        view.TryGetProperty("recipient", out _).ShouldBeFalse();
        (await PlanAsync(service.LocalToday.AddDays(3))).GetProperty("scheduled").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Cases_opened_together_are_served_in_fewer_commits_each_once()
    {
        var station = Guid.NewGuid();
        var opened = Enumerable.Range(0, 10).Select(_ => new V1.CaseOpened(Guid.NewGuid(), service.Clock.GetUtcNow(), Guid.NewGuid(), station,
            Guid.NewGuid(), V1.ClientGroup.Elderly, [V1.ClientCategory.LivesAlone], new V1.GridLocation("平城区", "新建南路街道", "G-07"))).ToList();
        await Task.WhenAll(opened.Concat(opened.Take(3)).Select(m => service.Others.Publish(m, context => context.MessageId = m.EventId)));

        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        var cases = opened.Select(m => m.CaseId).ToList();
        var (_, transactions) = await Eventually.Until(() => StoredEvents.WrittenAsync(store, service.Isolation.SchemaFor("volunteers"), cases),
            w => w.Events >= 10, "every case served");
        transactions.ShouldBeLessThan(10, "cases that arrived together committed together");
        (await StoredEvents.WrittenAsync(store, service.Isolation.SchemaFor("volunteers"), cases)).Events.ShouldBe(10, "each case once");
    }
}
