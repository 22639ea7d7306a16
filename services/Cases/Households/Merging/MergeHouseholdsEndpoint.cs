using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Households.Merging;

public sealed record MergeHouseholdsRequest([property: Required] Guid? OtherId);

public sealed record HouseholdsMergedResponse(Guid HouseholdId, long Version, Guid MergedHouseholdId, long MergedVersion);

public static class MergeHouseholdsEndpoint
{
    public static void MapMergeHouseholds(this IEndpointRouteBuilder api) =>
        api.MapPost("/households/{id:guid}/merge", MergeAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .WithSummary("Merge a duplicate household into this one; both keep their histories.");

    private static async Task<Ok<HouseholdsMergedResponse>> MergeAsync(
        Guid id, MergeHouseholdsRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var v = new RequestValidator();
        var otherId = v.RequiredId(request.OtherId, "otherId");
        v.ThrowIfInvalid();
        var command = new MergeHouseholds(id, otherId, user.Id, clock.GetUtcNow());

        var other = await session.Events.FetchForWriting<Household>(otherId, cancellationToken);
        var otherState = other.Aggregate ?? throw new RecordNotFound("Household", otherId);
        user.EnsureOwnStation(otherState);
        IReadOnlyList<object> forOther = [];
        var kept = await session.DecideAsync<Household>(id, state =>
        {
            if (state is null) throw new RecordNotFound("Household", id);
            user.EnsureOwnStation(state);
            var (keptEvents, otherEvents) = HouseholdDecider.Decide(state, otherState, command);
            forOther = otherEvents;
            // The duplicate check points at the household the absorbed members now live in.
            foreach (var absorbed in keptEvents.OfType<HouseholdAbsorbed>())
                MemberIndex.Moved(session, absorbed.Members.Select(m => m.MemberId), id);
            return keptEvents;
        }, cancellationToken, ExpectedVersion.FromIfMatch(http.Request));
        if (forOther.Count > 0) other.AppendMany(forOther);
        // Both streams' versions are checked in this one commit: a concurrent change to either refuses the merge.
        await session.SaveChangesAsync(cancellationToken);
        ExpectedVersion.SetETag(http.Response, kept.Version);
        return TypedResults.Ok(new HouseholdsMergedResponse(id, kept.Version, otherId, (other.StartingVersion ?? 0) + forOther.Count));
    }
}
