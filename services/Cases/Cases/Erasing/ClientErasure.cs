// 删除个人信息: a supervisor erases a client's personal data on request (PIPL). Crypto-shredding:
// the client's keys are deleted from the key store and the erasure logged, so every sealed field
// in every event and document — name, ID number, phone, address, guardian, dietary notes — can
// never be read again, and their keyed hashes go with their index rows, while the case's
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
        Guid caseId, ClaimsPrincipal principal, IDocumentStore store, IPersonalKeyStore personalKeys, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        IReadOnlyList<ErasedSubject> subjects;
        await using (var query = store.QuerySession())
        {
            var current = await query.LoadAsync<Case>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
            user.EnsureCanSee(current.StationId, "Case", caseId);
            subjects = await SubjectsAsync(query, current, now, cancellationToken);
        }
        // The keys first, in the key store, with the erasure log: once that commits the person is
        // unreadable everywhere, and were the event below to fail, the log erases them again at start.
        await personalKeys.EraseAsync(subjects, cancellationToken);
        var keys = subjects.Select(s => s.Id).ToList();
        return await store.DecideOverHttpAsync<Case>(caseId, http, c => user.EnsureCanSee(c.StationId, "Case", caseId),
            state => Decide(state, user.Id, keys, now),
            decided => TypedResults.Ok(new ClientErased(caseId, decided.Decision.Version, keys.Count)), cancellationToken,
            // The member's keyed hashes go in the same commit as the erasure's record.
            alongside: (_, _, session) =>
            {
                MemberIndex.Forget(session, subjects.Where(s => s.Kind == MemberKind).Select(s => s.Id));
                return Task.CompletedTask;
            });
    }

    public const string ClientKind = "client", MemberKind = "member", HomeKind = "home";

    /// <summary>
    /// What erasing the case's client destroys: the case's own key (used for a client opened without
    /// a household), the person's, and the home's when nobody else of the household is registered
    /// (the address is theirs alone).
    /// </summary>
    private static async Task<IReadOnlyList<ErasedSubject>> SubjectsAsync(IQuerySession query, Case current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subjects = new List<ErasedSubject> { new(current.Id, ClientKind, now) };
        if (current.Client is { } client)
        {
            subjects.Add(new(client.MemberId, MemberKind, now));
            var household = await query.LoadAsync<Household>(client.HouseholdId, cancellationToken);
            if (household is not null && household.Members.All(m => m.MemberId == client.MemberId)) subjects.Add(new(client.HouseholdId, HomeKind, now));
        }
        return subjects;
    }

    /// <summary>
    /// The erasure log applied to this store, at start: after a restore of a backup taken before
    /// an erasure, the case is erased again (its event appended anew, and relayed, so the other
    /// services delete their copies again) and the members' hash rows are deleted again.
    /// </summary>
    public static async Task<int> ReapplyAsync(IDocumentStore store, IPersonalKeyStore personalKeys, CancellationToken cancellationToken)
    {
        var erased = await personalKeys.ErasedAsync(null, cancellationToken);
        if (erased.Count == 0) return 0;
        var members = erased.Where(s => s.Kind == MemberKind).Select(s => s.Id).ToArray();
        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<MemberIndexEntry>(e => e.Id.IsOneOf(members));
            session.DeleteWhere<ClientSearchEntry>(e => e.Id.IsOneOf(members));
            await session.SaveChangesAsync(cancellationToken);
        }
        // One look finds the few a restore brought back; the rest are decided only then.
        var clients = erased.Where(s => s.Kind == ClientKind).ToDictionary(s => s.Id);
        IReadOnlyList<Guid> notErased;
        await using (var query = store.QuerySession())
            notErased = await query.Query<Case>().Where(c => c.Id.IsOneOf(clients.Keys.ToArray()) && c.PersonalDataErasedAt == null)
                .Select(c => c.Id).ToListAsync(cancellationToken);
        var again = 0;
        foreach (var client in notErased.Select(id => clients[id]))
        {
            again += await store.WriteAsync(async (session, ct) =>
            {
                var decision = await session.DecideAsync<Case>(client.Id, state => state is null ? [] : Decide(state, Guid.Empty, [client.Id], client.ErasedAt), ct);
                if (decision.ChangedNothing) return 0;
                await session.SaveChangesAsync(ct);
                return 1;
            }, cancellationToken);
        }
        return again;
    }
}

/// <summary>Applies the erasure log before the service takes requests or messages.</summary>
public sealed class ErasureLogReapplied(IDocumentStore store, IPersonalKeyStore personalKeys, ILogger<ErasureLogReapplied> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var again = await ClientErasure.ReapplyAsync(store, personalKeys, cancellationToken);
        if (again > 0) logger.LogWarning("Erased {Count} clients again from the erasure log: the store was restored from before their erasure", again);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
