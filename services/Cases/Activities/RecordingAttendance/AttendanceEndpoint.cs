using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Activities.Scheduling;
using FiveSocieties.Cases.Cases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Activities.RecordingAttendance;

/// <summary>POST /activities/{id}/attendance. Without attendedOn, today. Recording the same day again changes nothing.</summary>
public sealed record RecordAttendanceRequest([property: Required] IReadOnlyList<Guid>? CaseIds, DateOnly? AttendedOn);

public static class AttendanceEndpoint
{
    public const int MaxClientsPerRecord = 500;

    public static void MapAttendance(this IEndpointRouteBuilder api) =>
        api.MapPost("/activities/{id:guid}/attendance", RecordAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<ActivityWritten>(StatusCodes.Status200OK)
            .WithSummary("Record which enrolled clients attended; each client's case timeline shows it.");

    private static async Task<IResult> RecordAsync(
        Guid id, RecordAttendanceRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        LocalCalendar calendar, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseIds = validator.List(request.CaseIds, "caseIds", MaxClientsPerRecord);
        validator.Check(caseIds.Count > 0, "caseIds", "must name at least one client.");
        validator.Check(!caseIds.Contains(Guid.Empty), "caseIds", "must not contain the empty id.");
        validator.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var command = new RecordAttendance(id, caseIds, request.AttendedOn ?? calendar.Today(now), user.Id, now);
        return await store.DecideOverHttpAsync<Activity>(id, http,
            state => user.EnsureCanSee(state.StationId, "Activity", id),
            state => ActivityDecider.Decide(state, command, calendar),
            decided => TypedResults.Ok(new ActivityWritten(id, decided.Decision.Version)), cancellationToken,
            // The same transaction appends to each client's case, so the timeline and the activity agree.
            alongside: async (activity, decision, session) =>
            {
                foreach (var recorded in decision.Events.OfType<ActivityAttendanceRecorded>())
                    foreach (var caseId in recorded.CaseIds)
                    {
                        var attended = new RecordActivityAttended(caseId, id, activity.Title, activity.Kind, recorded.AttendedOn, user.Id, now);
                        await session.DecideAsync<Case>(caseId, state =>
                        {
                            if (state is null) throw new RecordNotFound("Case", caseId);
                            user.EnsureCanSee(state.StationId, "Case", caseId);
                            return CaseDecider.Decide(state, attended);
                        }, cancellationToken);
                    }
            });
    }
}
