using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Volunteers.Registry.Listing;

/// <summary>A volunteer on their station's list: who they are and whether tasks may go to them; no phone and no home.</summary>
public sealed record VolunteerSummary(
    Guid Id, Guid StationId, string? Name, IReadOnlyList<VolunteerSkill> Skills, bool IsSenior, VolunteerStatus Status,
    BackgroundCheckStatus BackgroundCheck, DateTimeOffset RegisteredAt);

public static class VolunteerListEndpoint
{
    /// <summary>A name is short; a longer query is a mistake (or a paste of something else).</summary>
    public const int MaxQueryLength = 50;

    public static void MapVolunteerList(this IEndpointRouteBuilder api) =>
        api.MapGet("/volunteers", ListAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .WithSummary("A station's volunteers (?stationId=, else the caller's own; admins: every station's), by name, paged; ?status=, ?backgroundCheck= and ?q= (part of the name) to narrow. The names shown are audited.");

    private static async Task<Ok<ListPage<VolunteerSummary>>> ListAsync(
        ClaimsPrincipal principal, IDocumentSession session, IPersonalKeyStore personalKeys, TimeProvider clock, HttpResponse response,
        CancellationToken cancellationToken,
        Guid? stationId = null, VolunteerStatus? status = null, int? page = null, int? pageSize = null, string? q = null,
        BackgroundCheckStatus? backgroundCheck = null)
    {
        var validator = new RequestValidator();
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        var name = q?.Trim();
        validator.Check(name is not { Length: > MaxQueryLength }, "q", $"must be at most {MaxQueryLength} characters.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        var user = CurrentUser.From(principal);
        var station = user.StationToList(stationId);
        var volunteers = session.Query<Volunteer>().AsQueryable();
        if (station is { } only) volunteers = volunteers.Where(v => v.StationId == only);
        if (status is { } wanted) volunteers = volunteers.Where(v => v.Status == wanted);
        if (backgroundCheck is { } check) volunteers = volunteers.Where(v => v.BackgroundCheck == check);
        // Names are sealed: the station's volunteers (a few hundred at most) are opened, then
        // filtered and ordered by name here. An erased volunteer has no name and comes last.
        var all = await volunteers.ToListAsync(cancellationToken);
        var keys = await personalKeys.FindAsync(all.Select(v => v.Id).ToList(), cancellationToken);
        var named = all.Select(v => (Volunteer: v, Name: v.Person(keys.GetValueOrDefault(v.Id))?.Name))
            .Where(v => string.IsNullOrEmpty(name) || v.Name?.Contains(name, StringComparison.OrdinalIgnoreCase) == true)
            .OrderBy(v => v.Name is null).ThenBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Volunteer.Id)
            .ToList();
        var items = named.Skip(paging.Skip).Take(paging.PageSize)
            .Select(v => new VolunteerSummary(v.Volunteer.Id, v.Volunteer.StationId, v.Name, v.Volunteer.Skills, v.Volunteer.IsSenior,
                v.Volunteer.Status, v.Volunteer.BackgroundCheck, v.Volunteer.RegisteredAt))
            .ToList();
        // The names shown are recorded, per station, before they are returned.
        var now = clock.GetUtcNow();
        var reads = items.Where(i => i.Name is not null).GroupBy(i => i.StationId)
            .Select(g => new VolunteerRecordRead(g.Key, null, VolunteerRecordRead.List, g.Count(), user.Id, user.RoleCodes, now)).ToList();
        await session.RecordShownAsync(response, reads, cancellationToken);
        return TypedResults.Ok(new ListPage<VolunteerSummary>(items, paging.Page, paging.PageSize, named.Count));
    }
}
