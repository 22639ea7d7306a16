using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.FindingClients;
using Marten;
using Marten.Patching;

namespace FiveSocieties.Cases.ClientSearch;

/// <summary>
/// Makes members registered before names and phones were hashed findable by them: their name and
/// phone are opened from their sealed details and hashed as registration hashes them, into their
/// search row. A member who can no longer be opened (erased) loses the row. A few households per
/// sweep; a sweep that finds none costs one query.
/// </summary>
public sealed class ClientSearchKeysBackfill(IDocumentStore store, IPersonalKeyStore personalKeys, KeyedHash hash) : IPeriodicSweep
{
    private const int MembersPerSweep = 500;

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var waiting = await session.Query<ClientSearchEntry>().Where(e => e.NameHash == null).Take(MembersPerSweep).ToListAsync(cancellationToken);
        if (waiting.Count == 0) return;
        var households = await session.LoadManyAsync<Household>(cancellationToken, waiting.Select(e => e.HouseholdId).Distinct());
        // A member of a merged household is listed by both it and the one it joined.
        var members = households.SelectMany(h => h.Members).DistinctBy(m => m.MemberId).ToDictionary(m => m.MemberId);
        var keys = await personalKeys.FindAsync(waiting.Select(e => e.Id).ToList(), cancellationToken);
        foreach (var entry in waiting)
        {
            if (PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(entry.Id), members.GetValueOrDefault(entry.Id)?.SealedDetails) is { } details)
                session.Patch<ClientSearchEntry>(entry.Id)
                    .Set(e => e.NameHash, ClientKeys.NameHash(hash, details.Name))
                    .Set(e => e.PhoneHash, details.Phone is { } phone ? ClientKeys.PhoneHash(hash, phone) : null);
            else
                MemberIndex.Forget(session, [entry.Id]);
        }
        await session.SaveChangesAsync(cancellationToken);
    }
}
