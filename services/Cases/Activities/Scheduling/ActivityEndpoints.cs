using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Activities.Scheduling;

/// <summary>
/// POST /activities. The client may send its own activityId: a repeat then answers with the same
/// activity. A missing targetGroup welcomes every client.
/// </summary>
public sealed record ScheduleActivityRequest(
    Guid? ActivityId, [property: Required] Guid? StationId, [property: Required] string? Title, string? Description, [property: Required] ActivityKind? Kind, ClientGroup? TargetGroup,
    [property: Required] DateTimeOffset? StartsAt, [property: Required] DateTimeOffset? EndsAt, [property: Required] int? Capacity);

public sealed record ActivityWritten(Guid Id, long Version);

public static class ActivityEndpoints
{
    public const int MaxCapacity = 500;

    public static void MapActivityEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/activities", ScheduleAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<ActivityWritten>(StatusCodes.Status200OK)
            .Produces<ActivityWritten>(StatusCodes.Status201Created)
            .WithSummary("Schedule a group or community activity (小组/社区活动) with a number of places.");
        api.MapGet("/activities/{id:guid}", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .WithSummary("An activity with its enrolled clients and attendance. The ETag is its version.");
    }

    private static async Task<IResult> ScheduleAsync(
        ScheduleActivityRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var stationId = validator.RequiredId(request.StationId, "stationId");
        var title = validator.RequiredText(request.Title, "title", 200);
        var description = request.Description?.Trim() is { Length: > 0 } text ? text : null;
        validator.Check(description is null || description.Length <= 4000, "description", "must be at most 4000 characters.");
        var kind = validator.Required(request.Kind, "kind");
        // Whether it ends after it starts is a domain rule (422 activity.ends-before-start); here only presence.
        var startsAt = validator.Required(request.StartsAt, "startsAt");
        var endsAt = validator.Required(request.EndsAt, "endsAt");
        var capacity = validator.Required(request.Capacity, "capacity");
        validator.Check(request.Capacity is null or (>= 1 and <= MaxCapacity), "capacity", $"must be between 1 and {MaxCapacity}.");
        validator.Check(request.ActivityId != Guid.Empty, "activityId", "must not be the empty id.");
        validator.ThrowIfInvalid();

        if (!user.MayActFor(stationId))
            return TypedResults.Problem(statusCode: 403, detail: "You may schedule activities only for your own station.");

        var activityId = request.ActivityId ?? Guid.CreateVersion7();
        var command = new ScheduleActivity(activityId, stationId, title, description, kind, request.TargetGroup,
            startsAt, endsAt, capacity, user.Id, clock.GetUtcNow());
        return await store.DecideOrStartOverHttpAsync<Activity, IResult>(
            activityId, http, state => ActivityDecider.Decide(state, command),
            (decision, _) => decision.CreatedUnlessRepeated($"/activities/{activityId}", new ActivityWritten(activityId, decision.Version)), cancellationToken);
    }

    private static async Task<Ok<Activity>> GetAsync(
        Guid id, ClaimsPrincipal principal, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var activity = await session.LoadAsync<Activity>(id, cancellationToken) ?? throw new RecordNotFound("Activity", id);
        CurrentUser.From(principal).EnsureCanSee(activity.StationId, "Activity", id);
        ExpectedVersion.SetETag(response, activity.Version);
        return TypedResults.Ok(activity);
    }
}
