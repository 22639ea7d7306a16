using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Activities.ListingActivities;

/// <summary>An activity on a station's list: how many are enrolled, not who.</summary>
public sealed record ActivitySummary(
    Guid Id, Guid StationId, string Title, ActivityKind Kind, ClientGroup? TargetGroup, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Enrolled);

public static class ActivityListEndpoint
{
    public static void MapActivityList(this IEndpointRouteBuilder api) =>
        api.MapGet("/activities", ListAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("A station's activities (?stationId=, else the caller's own; admins: every station's), latest start first, paged.");

    private static async Task<Ok<ListPage<ActivitySummary>>> ListAsync(
        ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken,
        Guid? stationId = null, int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        var station = CurrentUser.From(principal).StationToList(stationId);
        var activities = session.Query<Activity>().AsQueryable();
        if (station is { } only) activities = activities.Where(a => a.StationId == only);
        return TypedResults.Ok(await activities.ToListPageAsync(
            q => q.OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id), paging,
            a => new ActivitySummary(a.Id, a.StationId, a.Title, a.Kind, a.TargetGroup, a.StartsAt, a.EndsAt, a.Capacity, a.Enrolled.Count),
            cancellationToken));
    }
}
