using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Contracts.V1;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.OpenNeeds;

/// <summary>A live need (Open or Matched) of one of the station's cases.</summary>
public sealed record StationOpenNeed(
    Guid CaseId, Guid CaseworkerId, Guid NeedId, NeedCategory Category, Urgency Urgency, NeedStatus Status, DateTimeOffset RaisedAt)
{
    /// <summary>Oldest first: the need waiting longest is the one most at risk of being forgotten.</summary>
    public static IReadOnlyList<StationOpenNeed> Of(IEnumerable<Case> cases, NeedCategory? category = null) =>
        cases.SelectMany(c => c.Needs.Where(n => n.IsLive && (category is null || n.Category == category))
                .Select(n => new StationOpenNeed(c.Id, c.CaseworkerId, n.Id, n.Category, n.Urgency, n.Status, n.RaisedAt)))
            .OrderBy(n => n.RaisedAt)
            .ThenBy(n => n.NeedId)
            .ToList();
}

public static class OpenNeedsEndpoint
{
    public static void MapOpenNeeds(this IEndpointRouteBuilder api) =>
        api.MapGet("/stations/{id:guid}/open-needs", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor, Roles.Admin)
            .WithSummary("The station's live needs (Open or Matched), oldest first; ?category= narrows to one category.");

    private static async Task<Ok<IReadOnlyList<StationOpenNeed>>> GetAsync(
        Guid id, string? category, ClaimsPrincipal principal, IQuerySession session, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        NeedCategory? only = null;
        if (category is not null)
        {
            // Names only: Enum.TryParse would also take "3" or "Goods,Escort" and answer some other category.
            if (Enum.GetNames<NeedCategory>().FirstOrDefault(n => string.Equals(n, category, StringComparison.OrdinalIgnoreCase)) is { } name)
                only = Enum.Parse<NeedCategory>(name);
            else
                validator.Fail("category", $"must be one of {string.Join(", ", Enum.GetNames<NeedCategory>())}.");
        }
        validator.ThrowIfInvalid();

        // Closing a case withdraws its live needs, so only cases not closed can hold one.
        var cases = await session.CasesOfStationAsync(CurrentUser.From(principal), id, c => c.Status != CaseStatus.Closed, cancellationToken);
        return TypedResults.Ok(StationOpenNeed.Of(cases, only));
    }
}
