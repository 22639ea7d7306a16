// 删除个人信息: a supervisor erases a client's personal data on request (PIPL). Crypto-shredding:
// the client's keys are deleted, so every sealed field in every event and document — name, ID
// number, phone, address, guardian, dietary notes — can never be read again, while the case's
// non-personal history (dates, categories, needs, visits counted) still adds up in the reports.
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households;
using JasperFx.Events;
using Marten;

namespace FiveSocieties.Cases.Cases.Erasing;

/// <summary>The client's personal data was erased; which keys were destroyed says what can no longer be read.</summary>
public sealed record ClientDataErased(Guid CaseId, Guid StationId, IReadOnlyList<Guid> DestroyedKeys, Guid ErasedBy, DateTimeOffset ErasedAt);

public sealed record ClientErased(Guid CaseId, long Version, int KeysDestroyed);

public static class ClientErasure
{
    /// <summary>Erasing twice changes nothing; the first erasure is the one on record.</summary>
    public static IReadOnlyList<object> Decide(Case state, Guid erasedBy, IReadOnlyList<Guid> keys, DateTimeOffset now) =>
        state.PersonalDataErasedAt is not null ? [] : [new ClientDataErased(state.Id, state.StationId, keys, erasedBy, now)];

    public static void MapClientErasure(this IEndpointRouteBuilder api) =>
        api.MapPost("/clients/{caseId:guid}/erase", EraseAsync)
            .RequireRoles(Roles.Supervisor)
            .Produces<ClientErased>()
            .WithSummary("Erase the client's personal data (crypto-shredding); other services delete what they hold.");

    private static async Task<IResult> EraseAsync(
        Guid caseId, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        // The person's own key, the case's (used for a client opened without a household), and the
        // home's when nobody else of the household is registered (the address is theirs alone).
        var keys = new List<Guid> { caseId };
        await using (var query = store.QuerySession())
        {
            var current = await query.LoadAsync<Case>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
            user.EnsureCanSee(current.StationId, "Case", caseId);
            if (current.Client is { } client)
            {
                keys.Add(client.MemberId);
                var household = await query.LoadAsync<Household>(client.HouseholdId, cancellationToken);
                if (household is not null && household.Members.All(m => m.MemberId == client.MemberId)) keys.Add(client.HouseholdId);
            }
        }

        return await store.DecideOverHttpAsync<Case>(caseId, http, c => user.EnsureCanSee(c.StationId, "Case", caseId),
            state => Decide(state, user.Id, keys, clock.GetUtcNow()),
            decided => TypedResults.Ok(new ClientErased(caseId, decided.Decision.Version, keys.Count)), cancellationToken,
            // In the same transaction as the event: the keys are gone exactly when the erasure is on record.
            alongside: (_, _, session) =>
            {
                foreach (var key in keys) session.Delete<SubjectKey>(key);
                return Task.CompletedTask;
            });
    }
}
