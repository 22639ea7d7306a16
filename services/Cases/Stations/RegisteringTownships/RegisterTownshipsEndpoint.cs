using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Stations.RegisteringTownships;

public sealed record TownshipRequest([property: Required] string? Code, [property: Required] string? Name);

/// <summary>POST /districts/{code}/townships. Registering a township again changes nothing.</summary>
public sealed record RegisterTownshipsRequest([property: Required] string? DistrictName, [property: Required] IReadOnlyList<TownshipRequest?>? Townships);

public sealed record DistrictWritten(string DistrictCode, long Version, int TownshipsAdded);

public static class RegisterTownshipsEndpoint
{
    public static void MapRegisterTownships(this IEndpointRouteBuilder api) =>
        api.MapPost("/districts/{code}/townships", RegisterAsync)
            .RequireRoles(DistrictGovernance.Roles)
            .WithSummary("Register townships (乡镇/街道) of a district (区/县); those already registered are left as they are.");

    private static async Task<Results<Ok<DistrictWritten>, Created<DistrictWritten>>> RegisterAsync(
        string code, RegisterTownshipsRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        validator.Check(DivisionCodes.IsDistrictCode(code), "code", "must be a 6-digit district code, e.g. 140213.");
        var districtName = validator.RequiredText(request.DistrictName, "districtName", 64);
        var townships = validator.List(request.Townships, "townships", maxCount: 500);
        validator.Check(townships.Count > 0, "townships", "must list at least one township.");
        var entries = new List<TownshipEntry>();
        for (var i = 0; i < townships.Count; i++)
        {
            var township = townships[i];
            var field = $"townships[{i}]";
            validator.Check(DivisionCodes.IsTownshipCode(township?.Code), $"{field}.code", "must be a 9-digit township code, e.g. 140213001.");
            var name = validator.RequiredText(township?.Name, $"{field}.name", 64);
            entries.Add(new TownshipEntry(township?.Code ?? "", name));
        }
        foreach (var repeated in entries.GroupBy(t => t.Code).Where(g => g.Key != "" && g.Count() > 1))
            validator.Fail("townships", $"lists township {repeated.Key} more than once.");
        validator.ThrowIfInvalid();
        user.EnsureGoverns(code);

        var command = new RegisterTownships(code, districtName, entries, user.Id, clock.GetUtcNow());
        return await store.DecideOrStartOverHttpAsync<District, Results<Ok<DistrictWritten>, Created<DistrictWritten>>>(
            DivisionCodes.DistrictId(code), http, state => DistrictDecider.Decide(state, command), (decision, _) =>
            {
                var added = decision.Events.OfType<TownshipsRegistered>().Sum(e => e.Townships.Count);
                var written = new DistrictWritten(code, decision.Version, added);
                return decision.ChangedNothing ? TypedResults.Ok(written) : TypedResults.Created($"/districts/{code}/coverage", written);
            }, cancellationToken);
    }
}
