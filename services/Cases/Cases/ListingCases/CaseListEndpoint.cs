using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Cases.ListingCases;

/// <summary>
/// A case on a station's list: who it is for only by group and categories, never by name — the
/// client's details stay sealed in the household and are not opened (nor audited) for a list.
/// </summary>
public sealed record CaseSummary(
    Guid Id, Guid StationId, Guid CaseworkerId, ClientGroup ClientGroup, IReadOnlyList<ClientCategory> Categories,
    CaseStatus Status, RiskLevel? RiskLevel, string Grid, DateTimeOffset OpenedAt);

public static class CaseListEndpoint
{
    public static void MapCaseList(this IEndpointRouteBuilder api) =>
        api.MapGet("/cases", ListAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("A station's cases (?stationId=, else the caller's own; admins: every station's), ?caseworkerId= and ?status= to narrow, newest first, paged. No personal fields.");

    private static async Task<Ok<ListPage<CaseSummary>>> ListAsync(
        ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken,
        Guid? stationId = null, Guid? caseworkerId = null, CaseStatus? status = null, int? page = null, int? pageSize = null)
    {
        var validator = new RequestValidator();
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.Check(caseworkerId != Guid.Empty, "caseworkerId", "must not be the empty id.");
        // The framework reads "7" as a status too; only the named ones exist.
        validator.Check(status is null || Enum.IsDefined(status.Value), "status", $"must be one of: {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        var station = CurrentUser.From(principal).StationToList(stationId);
        var cases = session.Query<Case>().AsQueryable();
        if (station is { } only) cases = cases.Where(c => c.StationId == only);
        if (caseworkerId is { } caseworker) cases = cases.Where(c => c.CaseworkerId == caseworker);
        if (status is { } wanted) cases = cases.Where(c => c.Status == wanted);
        return TypedResults.Ok(await cases.ToListPageAsync(
            q => q.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id), paging,
            c => new CaseSummary(c.Id, c.StationId, c.CaseworkerId, c.ClientGroup, c.Categories, c.Status, c.RiskLevel,
                c.Location.Grid, c.OpenedAt), cancellationToken));
    }
}
