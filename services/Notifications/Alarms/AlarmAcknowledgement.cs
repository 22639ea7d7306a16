using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Notifications.Alarms;

public sealed record AlarmAcknowledgedAnswer(Guid Id, long Version);

/// <summary>
/// POST /stations/{id}/alarms/{alarmId}/acknowledge: the station's coordinator or supervisor
/// acknowledges an alarm from the board they watch (a missed meal, say) even when its chain has
/// not reached them yet: someone at the station has it in hand, so the chain stops for everyone.
/// </summary>
public static class AlarmAcknowledgement
{
    public static void MapAlarmAcknowledgement(this IEndpointRouteBuilder app) =>
        app.MapPost("/stations/{id:guid}/alarms/{alarmId:guid}/acknowledge", AcknowledgeAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("Acknowledge one of the station's alarms from its board (stops its escalation); a repeat changes nothing.")
            .Produces<AlarmAcknowledgedAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The escalation sweep may move the same alarm at that moment: the acknowledgement is then decided again on what it wrote.</summary>
    private static Task<IResult> AcknowledgeAsync(Guid id, Guid alarmId, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        user.EnsureCanSee(id, "Station", id);
        return store.DecideOverHttpAsync<Alarm>(alarmId, http,
            alarm => { if (alarm.StationId != id) throw new RecordNotFound("Alarm", alarmId); },
            alarm => AlarmDecider.Decide(alarm, new AcknowledgeAlarm(user.Id, clock.GetUtcNow())),
            decided => TypedResults.Ok(new AlarmAcknowledgedAnswer(alarmId, decided.Decision.Version)), ct);
    }
}
