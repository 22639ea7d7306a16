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
            .WithSummary("Record which enrolled clients attended; each client's case timeline shows it.");

    private static async Task<Ok<ActivityWritten>> RecordAsync(
        Guid id, RecordAttendanceRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock,
        LocalCalendar calendar, HttpResponse response, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var caseIds = validator.List(request.CaseIds, "caseIds", MaxClientsPerRecord);
        validator.Check(caseIds.Count > 0, "caseIds", "must name at least one client.");
        validator.Check(!caseIds.Contains(Guid.Empty), "caseIds", "must not contain the empty id.");
        validator.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var command = new RecordAttendance(id, caseIds, request.AttendedOn ?? calendar.Today(now), user.Id, now);
        Activity? activity = null;
        var decision = await session.DecideAsync<Activity>(id, state =>
        {
            if (state is not null) user.EnsureCanSee(state.StationId, "Activity", id);
            activity = state;
            return ActivityDecider.Decide(state, command, calendar);
        }, cancellationToken);

        // The same transaction appends to each client's case, so the timeline and the activity agree.
        foreach (var recorded in decision.Events.OfType<ActivityAttendanceRecorded>())
            foreach (var caseId in recorded.CaseIds)
            {
                var attended = new RecordActivityAttended(caseId, id, activity!.Title, activity.Kind, recorded.AttendedOn, user.Id, now);
                await session.DecideAsync<Case>(caseId, state =>
                {
                    if (state is null) throw new RecordNotFound("Case", caseId);
                    user.EnsureCanSee(state.StationId, "Case", caseId);
                    return CaseDecider.Decide(state, attended);
                }, cancellationToken);
            }
        await session.SaveChangesAsync(cancellationToken);

        ExpectedVersion.SetETag(response, decision.Version);
        return TypedResults.Ok(new ActivityWritten(id, decision.Version));
    }
}
