using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Households.FindingClients;
using Marten;

namespace FiveSocieties.Cases.ClientSearch;

/// <summary>
/// Makes members registered before names and phones were hashed findable by them: their name and
/// phone are opened from their sealed details (an erased person's cannot be, and stays unfound) and
/// hashed as registration hashes them, and the keys are appended to the household's stream, so a
/// rebuilt index has them too. A few households per sweep; a sweep that finds none costs one query.
/// </summary>
public sealed class ClientSearchKeysBackfill(IDocumentStore store, KeyedHash hash) : IPeriodicSweep
{
    private const int HouseholdsPerSweep = 200;

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> households;
        await using (var query = store.QuerySession())
            households = (await query.Query<ClientSearchEntry>().Where(e => e.NameHash == null)
                .Select(e => e.HouseholdId).Take(HouseholdsPerSweep * 4).ToListAsync(cancellationToken))
                .Distinct().Take(HouseholdsPerSweep).ToList();
        foreach (var householdId in households)
        {
            await using var session = store.LightweightSession();
            var household = await session.LoadAsync<Household>(householdId, cancellationToken);
            if (household is null) continue;
            var waiting = household.Members.Where(m => m.NameHash is null).ToList();
            var keys = await PersonalData.KeysAsync(session, waiting.Select(m => m.MemberId), cancellationToken);
            var made = waiting
                .Select(m => (m.MemberId, Details: PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(m.MemberId), m.SealedDetails)))
                .Where(m => m.Details is not null)
                .Select(m => new MemberSearchKeys(m.MemberId, ClientKeys.NameHash(hash, m.Details!.Name),
                    m.Details.Phone is { } phone ? ClientKeys.PhoneHash(hash, phone) : null))
                .ToList();
            if (made.Count == 0) continue;
            try
            {
                var decision = await session.DecideAsync<Household>(householdId,
                    state => state is null ? [] : HouseholdDecider.Decide(state, new MakeMembersFindable(householdId, made, now)), cancellationToken);
                if (!decision.ChangedNothing) await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Someone changed the household meanwhile; its members are still waiting and the next sweep takes them.
            }
        }
    }
}
