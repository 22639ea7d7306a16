using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases.RaisingNeeds;

/// <summary>POST /cases/{id}/needs. The client may send its own needId: a repeat then changes nothing.</summary>
public sealed record RaiseNeedRequest(
    Guid? NeedId, [property: Required] NeedCategory? Category, Urgency? Urgency, Recurrence? Recurrence, int? Quantity, DateOnly? StartDate, string? Note);

public sealed record WithdrawNeedRequest([property: Required] string? Reason);

public sealed record NeedWritten(Guid CaseId, Guid NeedId, long Version);

public static class NeedEndpoints
{
    public static void MapNeeds(this IEndpointRouteBuilder api)
    {
        api.MapPost("/cases/{id:guid}/needs", RaiseAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<NeedWritten>(StatusCodes.Status200OK)
            .Produces<NeedWritten>(StatusCodes.Status201Created)
            .WithSummary("Raise a need (需求) of the client: it goes to matching at once.");
        api.MapPost("/cases/{id:guid}/needs/{needId:guid}/withdraw", WithdrawAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<CaseWritten>(StatusCodes.Status200OK)
            .WithSummary("Withdraw a need that is no longer wanted.");
    }

    private static async Task<IResult> RaiseAsync(
        Guid id, RaiseNeedRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        LocalCalendar calendar, HttpContext http, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var validator = new RequestValidator();
        var category = validator.Required(request.Category, "category");
        var urgency = request.Urgency ?? Urgency.Routine;
        var recurrence = request.Recurrence ?? Recurrence.Once;
        var quantity = request.Quantity ?? 1;
        validator.Check(quantity is >= 1 and <= 1000, "quantity", "must be between 1 and 1000.");
        validator.Check(request.NeedId != Guid.Empty, "needId", "must not be the empty id.");
        if (request.Note is { Length: > 2000 }) validator.Fail("note", "must be at most 2000 characters.");
        validator.ThrowIfInvalid();

        var needId = request.NeedId ?? Guid.CreateVersion7();
        var today = calendar.Today(now);
        var startDate = request.StartDate ?? today;
        // Eligibility facts from the registered client: age in years and the home's grid-level position (never the address).
        OpenedMember? client;
        await using (var query = store.QuerySession())
        {
            var current = await query.LoadAsync<Case>(id, cancellationToken);
            client = current?.Client is { } c ? await ClientDirectory.OpenAsync(query, personalKeys, c.HouseholdId, c.MemberId, cancellationToken) : null;
        }
        var age = client?.Details is { } person ? ClientDirectory.AgeOn(person.BirthDate, today) : (int?)null;
        return await store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new RaiseNeed(id, needId, category, urgency, recurrence, quantity, startDate,
                request.Note, user.Id, now, age, client?.Household.ApproximatePosition)),
            decided => decided.Decision.CreatedUnlessRepeated($"/cases/{id}#needs/{needId}", new NeedWritten(id, needId, decided.Decision.Version)),
            cancellationToken);
    }

    private static Task<IResult> WithdrawAsync(
        Guid id, Guid needId, WithdrawNeedRequest request, ClaimsPrincipal principal, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var reason = validator.RequiredText(request.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id),
            state => CaseDecider.Decide(state, new WithdrawNeed(id, needId, reason, user.Id, clock.GetUtcNow())),
            decided => TypedResults.Ok(new CaseWritten(id, decided.Decision.Version)), cancellationToken);
    }
}
