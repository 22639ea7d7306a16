using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<AlarmAcknowledgedAnswer>> AcknowledgeAsync(Guid id, Guid alarmId, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        user.EnsureCanSee(id, "Station", id);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            try
            {
                var decision = await session.DecideAsync<Alarm>(alarmId, state =>
                {
                    if (state is null || state.StationId != id) throw new RecordNotFound("Alarm", alarmId);
                    return AlarmDecider.Decide(state, new AcknowledgeAlarm(user.Id, clock.GetUtcNow()));
                }, ct);
                await session.SaveChangesAsync(ct);
                return TypedResults.Ok(new AlarmAcknowledgedAnswer(alarmId, decision.Version));
            }
            catch (JasperFx.ConcurrencyException) when (attempt < attempts)
            {
                // The escalation sweep moved the alarm at the same moment: decide again on what it wrote.
            }
        }
    }
}
