using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Registry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>A coordinator hands a delivery to another volunteer by hand, the planner's suggestion first.</summary>
public sealed class ReassignTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();
    private HttpClient Coordinator => service.ClientAs(Roles.Coordinator, Guid.NewGuid(), _station);
    private HttpClient As(Guid volunteer) => service.ClientAs(Roles.Volunteer, volunteer);

    private async Task<(Guid Id, Guid Volunteer)> PlannedDeliveryAsync(DateOnly date, Guid caseId)
    {
        (await service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station).PostAsJsonAsync("/deliveries/plan", new { date }))
            .EnsureSuccessStatusCode();
        var list = await VolunteersService.GetJson(service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station), $"/deliveries?date={date:yyyy-MM-dd}");
        var delivery = list.EnumerateArray().Single(d => d.GetProperty("caseId").GetGuid() == caseId);
        return (delivery.GetProperty("id").GetGuid(), delivery.GetProperty("volunteerId").GetGuid());
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_coordinator_reassigns_an_accepted_delivery_and_the_first_volunteers_later_pick_up_is_refused_with_the_reason()
    {
        var date = service.LocalToday.AddDays(2);
        var near = await service.VolunteerAsync(_station, 40.092, 113.296);
        var other = await service.VolunteerAsync(_station, 40.12, 113.33);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "孙奶奶", 40.095, 113.30);
        var (id, first) = await PlannedDeliveryAsync(date, caseId);
        first.ShouldBe(near);
        (await As(near).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();

        var coordinatorId = Guid.NewGuid();
        using var answer = await service.ClientAs(Roles.Coordinator, coordinatorId, _station).GetAsync($"/deliveries/{id}/reassign-suggestions");
        answer.EnsureSuccessStatusCode();
        var suggestions = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        suggestions.GetProperty("currentVolunteerId").GetGuid().ShouldBe(near);
        var candidates = suggestions.GetProperty("candidates").EnumerateArray().ToArray();
        candidates.Select(c => c.GetProperty("volunteerId").GetGuid()).ShouldBe([other]);
        candidates[0].GetProperty("suggested").GetBoolean().ShouldBeTrue();
        candidates[0].GetProperty("mayTake").GetBoolean().ShouldBeTrue();
        // The candidates' names were shown: one read of that many names is on the audit first.
        answer.Headers.GetValues(AccessAudit.PersonalDataShown).ShouldBe(["1"]);
        await using (var audit = service.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var read = (await audit.Events.QueryRawEventDataOnly<VolunteerRecordRead>().Where(r => r.ReaderId == coordinatorId).ToListAsync()).ShouldHaveSingleItem();
            read.What.ShouldBe(VolunteerRecordRead.Candidates);
            read.Shown.ShouldBe(1);
            read.StationId.ShouldBe(_station);
        }

        var reassign = await Coordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = other, reason = "张师傅腿疼" });
        var written = await Problem(reassign, HttpStatusCode.OK);
        written.GetProperty("status").GetString().ShouldBe("Offered");
        written.GetProperty("volunteerId").GetGuid().ShouldBe(other);
        // A double click asks for what already happened.
        (await Coordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = other })).EnsureSuccessStatusCode();

        var refused = await Problem(await As(near).PostAsync($"/deliveries/{id}/pickup", null), HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("rule").GetString().ShouldBe("delivery.reassigned");
        var inChinese = As(near);
        inChinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await Problem(await inChinese.PostAsync($"/deliveries/{id}/pickup", null), HttpStatusCode.UnprocessableEntity);
        zh.GetProperty("detail").GetString()!.ShouldContain("改派");

        (await VolunteersService.GetJson(As(near), $"/volunteers/{near}/tasks")).EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetGuid() == id);
        (await VolunteersService.GetJson(As(other), $"/volunteers/{other}/tasks")).EnumerateArray().ShouldContain(t => t.GetProperty("id").GetGuid() == id);
        (await As(other).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();
        (await As(other).PostAsync($"/deliveries/{id}/pickup", null)).EnsureSuccessStatusCode();

        // The chosen volunteer is told as for any offer.
        await service.Eventually(() => Task.FromResult(service.Heard.Of<V1.VolunteerDispatched>().Any(d => d.TaskId == id && d.VolunteerId == other)),
            heard => heard, "the chosen volunteer dispatched");
        var pickedUp = await Problem(await Coordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = near }),
            HttpStatusCode.UnprocessableEntity);
        pickedUp.GetProperty("rule").GetString().ShouldBe("delivery.picked-up");
    }

    [Fact]
    public async Task Only_the_deliverys_station_staff_may_reassign_and_only_to_their_stations_volunteers()
    {
        var date = service.LocalToday.AddDays(2);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "李爷爷", 40.095, 113.30);
        var (id, _) = await PlannedDeliveryAsync(date, caseId);
        var elsewhere = Guid.NewGuid();
        var strangerVolunteer = await service.VolunteerAsync(elsewhere, 40.092, 113.296);

        foreach (var role in new[] { Roles.Volunteer, Roles.Caseworker, Roles.Provider })
            (await service.ClientAs(role, Guid.NewGuid(), _station).PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = volunteer }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        (await service.ClientAs(Roles.Caseworker, Guid.NewGuid(), _station).GetAsync($"/deliveries/{id}/reassign-suggestions"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var otherCoordinator = service.ClientAs(Roles.Coordinator, Guid.NewGuid(), elsewhere);
        await Problem(await otherCoordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = strangerVolunteer }),
            HttpStatusCode.NotFound);
        await Problem(await otherCoordinator.GetAsync($"/deliveries/{id}/reassign-suggestions"), HttpStatusCode.NotFound);
        await Problem(await Coordinator.PostAsJsonAsync($"/deliveries/{Guid.NewGuid()}/reassign", new { volunteerId = volunteer }),
            HttpStatusCode.NotFound);

        // Another station's volunteer is unknown here.
        await Problem(await Coordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { volunteerId = strangerVolunteer }), HttpStatusCode.NotFound);
        var invalid = await Problem(await Coordinator.PostAsJsonAsync($"/deliveries/{id}/reassign", new { reason = new string('长', 501) }),
            HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").TryGetProperty("volunteerId", out _).ShouldBeTrue();
        invalid.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
    }
}
