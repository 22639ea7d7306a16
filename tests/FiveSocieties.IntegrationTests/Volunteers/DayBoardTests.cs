using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Enrolments;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>What the dispatch board reads besides the day's list: its places and its live changes.</summary>
public sealed class DayBoardTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();
    private HttpClient Coordinator => service.ClientAs(Roles.Coordinator, Guid.NewGuid(), _station);

    [Fact]
    public async Task The_map_places_households_to_about_a_hundred_metres_for_the_stations_staff_only()
    {
        var date = service.LocalToday.AddDays(2);
        await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "周奶奶", 40.09512, 113.30049);
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();

        var coordinatorId = Guid.NewGuid();
        using var answer = await service.ClientAs(Roles.Coordinator, coordinatorId, _station).GetAsync($"/deliveries/map?date={date:yyyy-MM-dd}");
        answer.EnsureSuccessStatusCode();
        var map = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var stop = map.GetProperty("stops").EnumerateArray().Single();
        stop.GetProperty("place").GetProperty("latitude").GetDouble().ShouldBe(40.095);
        stop.GetProperty("place").GetProperty("longitude").GetDouble().ShouldBe(113.3);
        stop.GetProperty("pickUp").GetProperty("latitude").GetDouble().ShouldBe(VolunteersService.Canteen.Latitude);
        // The household's place was shown, so the coordinator's read of it is on the audit, and the answer says so.
        answer.Headers.GetValues(AccessAudit.PersonalDataShown).ShouldBe(["1"]);
        answer.Headers.GetValues(AccessAudit.Audited).ShouldBe(["1"]);
        await using (var audit = service.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var read = (await audit.Events.QueryRawEventDataOnly<RecipientDetailsRead>().Where(r => r.CaseId == caseId && r.ReaderId == coordinatorId).ToListAsync())
                .ShouldHaveSingleItem();
            read.Where.ShouldBe(RecipientDetailsRead.OnDayMap);
            read.DeliveryId.ShouldBe(stop.GetProperty("deliveryId").GetGuid());
        }

        (await service.ClientAs(Roles.Coordinator, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/deliveries/map?date={date:yyyy-MM-dd}&stationId={_station}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.ClientAs(Roles.Caseworker, Guid.NewGuid(), _station).GetAsync($"/deliveries/map?date={date:yyyy-MM-dd}"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Coordinator.GetAsync("/deliveries/map")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_day_stream_sends_a_delivery_when_it_changes()
    {
        var date = service.LocalToday.AddDays(2);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var caseId = Guid.NewGuid();
        await service.EnrolAsync(caseId, _station, "吴爷爷", 40.095, 113.30);
        (await Coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var id = (await VolunteersService.GetJson(Coordinator, $"/deliveries?date={date:yyyy-MM-dd}")).EnumerateArray().Single().GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/deliveries/stream?date={date:yyyy-MM-dd}");
        using var response = await Coordinator.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).ShouldBe("retry: 2000");

        (await service.ClientAs(Roles.Volunteer, volunteer).PostAsync($"/deliveries/{id}/accept", null)).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal)) { }
        var sent = JsonDocument.Parse(line!["data: ".Length..]).RootElement;
        sent.GetProperty("id").GetGuid().ShouldBe(id);
        sent.GetProperty("status").GetString().ShouldBe("Accepted");

        (await service.ClientAs(Roles.Coordinator, Guid.NewGuid(), Guid.NewGuid()).GetAsync($"/deliveries/stream?date={date:yyyy-MM-dd}&stationId={_station}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_volunteers_list_finds_by_part_of_a_name_and_by_background_check()
    {
        var cleared = await service.VolunteerAsync(_station, 40.092, 113.296);
        var unchecked_ = await service.VolunteerAsync(_station, 40.093, 113.297);
        (await service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station).PostAsJsonAsync($"/volunteers/{cleared}/background-check",
            new { status = "Cleared" })).EnsureSuccessStatusCode();

        var byName = await VolunteersService.GetJson(Coordinator, $"/volunteers?q={cleared.ToString()[..4]}");
        byName.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([cleared]);
        var notChecked = await VolunteersService.GetJson(Coordinator, "/volunteers?backgroundCheck=NotChecked");
        notChecked.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([unchecked_]);
        notChecked.GetProperty("total").GetInt64().ShouldBe(1);
        (await Coordinator.GetAsync($"/volunteers?q={new string('名', 51)}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
