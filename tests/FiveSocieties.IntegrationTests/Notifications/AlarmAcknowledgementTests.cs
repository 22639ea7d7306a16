using System.Net;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Alarms;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>A station's coordinator acknowledges an alarm from the dispatch board, whether or not its chain reached them.</summary>
public sealed class AlarmAcknowledgementTests(AlarmChainFixture fixture) : IClassFixture<AlarmChainFixture>
{
    private NotificationsHost Host => fixture.Host;
    private HttpClient Admin => Host.ClientAs(Roles.Admin, Guid.NewGuid());

    [Fact]
    public async Task The_stations_coordinator_acknowledges_its_alarm_from_the_board_and_the_chain_stops()
    {
        var station = Guid.NewGuid();
        await Host.PublishAsync(new V1.StationOpened(Guid.NewGuid(), fixture.Clock.GetUtcNow(), station, "140213", "140213001"));
        var failed = new V1.DispatchFailed(Guid.NewGuid(), fixture.Clock.GetUtcNow(), Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery, station,
            Guid.NewGuid(), new DateOnly(2026, 12, 1), V1.DispatchFailureReason.NoVolunteerAvailable);
        await Host.PublishAsync(failed);
        var alarmId = AlarmIds.For(failed.EventId, "dispatch-failed");
        await Eventually.Until(async () => (await Admin.GetAsync($"/alarms/{alarmId}")).IsSuccessStatusCode, raised => raised, "the alarm raised");
        var path = $"/stations/{station}/alarms/{alarmId}/acknowledge";

        (await Host.ClientAs(Roles.Caseworker, Guid.NewGuid(), station).PostAsync(path, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Host.ClientAs(Roles.Coordinator, Guid.NewGuid(), Guid.NewGuid()).PostAsync(path, null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Host.ClientAs(Roles.Coordinator, Guid.NewGuid(), station).PostAsync($"/stations/{station}/alarms/{Guid.NewGuid()}/acknowledge", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var coordinator = Guid.NewGuid();
        var answer = await HttpJson.Json(await Host.ClientAs(Roles.Coordinator, coordinator, station).PostAsync(path, null));
        answer.GetProperty("id").GetGuid().ShouldBe(alarmId);
        // A double click changes nothing.
        var again = await HttpJson.Json(await Host.ClientAs(Roles.Coordinator, coordinator, station).PostAsync(path, null));
        again.GetProperty("version").GetInt64().ShouldBe(answer.GetProperty("version").GetInt64());

        var board = await HttpJson.Json(await Admin.GetAsync($"/stations/{station}/alarms"));
        board.GetProperty("open").GetInt32().ShouldBe(0);
        var alarm = await HttpJson.Json(await Admin.GetAsync($"/alarms/{alarmId}"));
        alarm.GetProperty("acknowledgedBy").GetGuid().ShouldBe(coordinator);
    }
}
