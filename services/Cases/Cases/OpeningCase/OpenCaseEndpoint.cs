using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Households;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Cases.Cases.OpeningCase;

public sealed record CaseLocationRequest([property: Required] string? District, [property: Required] string? Township, [property: Required] string? Grid);

/// <summary>POST /cases. The client may send its own caseId: a repeat then answers with the same case.</summary>
public sealed record OpenCaseRequest(
    Guid? CaseId,
    [property: Required] Guid? StationId,
    [property: Required] Guid? CaseworkerId,
    [property: Required] ClientGroup? ClientGroup,
    IReadOnlyList<ClientCategory>? Categories,
    [property: Required] CaseLocationRequest? Location,
    ClientRequest? Client = null);

/// <summary>The registered household member (POST /households) the case is for.</summary>
public sealed record ClientRequest([property: Required] Guid? HouseholdId, [property: Required] Guid? MemberId);

public sealed record CaseWritten(Guid Id, long Version);

public static class OpenCaseEndpoint
{
    public static void MapOpenCase(this IEndpointRouteBuilder api) =>
        api.MapPost("/cases", OpenAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .Produces<CaseWritten>(StatusCodes.Status201Created)
            .WithSummary("Open a case file for an elderly person or a child (建档立卡).");

    private static async Task<IResult> OpenAsync(
        OpenCaseRequest request, ClaimsPrincipal principal, IQuerySession session, IDocumentStore store, TimeProvider clock,
        HttpContext http, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var stationId = validator.RequiredId(request.StationId, "stationId");
        var clientGroup = validator.Required(request.ClientGroup, "clientGroup");
        var categories = validator.List(request.Categories, "categories", maxCount: 10);
        var district = validator.RequiredText(request.Location?.District, "location.district", 64);
        var township = validator.RequiredText(request.Location?.Township, "location.township", 64);
        var grid = validator.RequiredText(request.Location?.Grid, "location.grid", 64);
        // A caseworker opens cases for themself; a supervisor names the caseworker.
        var caseworkerId = request.CaseworkerId ?? (user.IsIn(Roles.Caseworker) ? user.Id : null);
        validator.Check(caseworkerId is not null && caseworkerId != Guid.Empty, "caseworkerId", "is required when a supervisor opens the case.");
        validator.Check(request.CaseId != Guid.Empty, "caseId", "must not be the empty id.");
        CaseClient? client = request.Client is null ? null
            : new CaseClient(validator.RequiredId(request.Client.HouseholdId, "client.householdId"),
                validator.RequiredId(request.Client.MemberId, "client.memberId"));
        validator.ThrowIfInvalid();

        if (!user.MayActFor(stationId))
            return TypedResults.Problem(statusCode: 403, detail: "You may open cases only for your own station.");

        var registered = client is null ? null : await ClientDirectory.OpenAsync(session, personalKeys, client.HouseholdId, client.MemberId, cancellationToken);
        // Another station's household is, to this station, not registered: its existence does not leak.
        if (client is not null && (registered is null || registered.Household.StationId != stationId))
            throw new DomainRuleViolation("case.client-not-registered",
                $"Member {client.MemberId} of household {client.HouseholdId} is not registered; register the household first.");
        var caseId = request.CaseId ?? Guid.CreateVersion7();
        var command = new OpenCase(caseId, stationId, caseworkerId!.Value, clientGroup, categories,
            new CaseLocation(district, township, grid), user.Id, clock.GetUtcNow(), client,
            registered?.Household.ApproximatePosition);

        return await store.DecideOrStartOverHttpAsync<Case, IResult>(caseId, http,
            state => CaseDecider.Decide(state, command),
            (decision, _) => decision.CreatedUnlessRepeated($"/cases/{caseId}", new CaseWritten(caseId, decision.Version)), cancellationToken);
    }
}
