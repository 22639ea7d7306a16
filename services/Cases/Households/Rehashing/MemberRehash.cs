// After the keyed hash's secret is rotated, the members' stored hashes are made again under the
// current version, from their sealed details, so that the previous secret can be dropped.
using FiveSocieties.BuildingBlocks.Privacy;
using Marten;

namespace FiveSocieties.Cases.Households.Rehashing;

/// <summary>What a re-index did: households and members rehashed, and members it could not open (erased).</summary>
public sealed record RehashReport(int Households, int Members, int Unreadable);

/// <summary>
/// The re-index behind <c>fivesoc rehash</c>: every member whose index rows are not under the
/// current version gets them made again from their sealed details (MemberIndex). A member whose
/// details can no longer be opened (erased) loses the rows instead: with their key, their hashes
/// go. Idempotent: a second run finds nothing to do.
/// </summary>
public static class MemberRehash
{
    private const int PageSize = 500;

    public static async Task<RehashReport> RunAsync(IDocumentStore store, IPersonalKeyStore personalKeys, KeyedHash hash, CancellationToken cancellationToken)
    {
        var report = new RehashReport(0, 0, 0);
        while (true)
        {
            IReadOnlyList<MemberIndexEntry> stale;
            await using (var query = store.QuerySession())
            {
                var entries = query.Query<MemberIndexEntry>();
                stale = await (hash.Prefix is { } prefix
                        ? entries.Where(e => !e.PersonHash.StartsWith(prefix))
                        : entries.Where(e => e.PersonHash.Contains(":")))
                    .OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
            }
            if (stale.Count == 0) return report;
            foreach (var household in stale.GroupBy(e => e.HouseholdId))
            {
                var (rehashed, unreadable) = await RehashAsync(store, personalKeys, hash, household.Key, household.Select(e => e.Id).ToHashSet(), cancellationToken);
                report = new(report.Households + (rehashed > 0 ? 1 : 0), report.Members + rehashed, report.Unreadable + unreadable);
            }
        }
    }

    /// <summary>
    /// Every member's index rows made anew from their sealed details, for a store whose read
    /// models were dropped (fivesoc rebuild): the rows are not projected from events, which carry
    /// no hashes. Members who cannot be opened get none. Returns the members indexed.
    /// </summary>
    public static async Task<int> ReindexAsync(IDocumentStore store, IPersonalKeyStore personalKeys, KeyedHash hash, CancellationToken cancellationToken)
    {
        var indexed = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var session = store.LightweightSession();
            var households = await session.Query<Household>().Where(h => h.Id.CompareTo(after) > 0 && h.MergedInto == null)
                .OrderBy(h => h.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (households.Count == 0) return indexed;
            foreach (var household in households)
            foreach (var member in household.Members)
            {
                var registeredIn = await RegisteredInAsync(session, household, member.MemberId, cancellationToken);
                if (await HashesAsync(session, personalKeys, hash, household, member, cancellationToken) is not { } hashes) continue;
                // Found by search in the household they were registered in, met as a duplicate in the one they live in.
                session.Store(new ClientSearchEntry(member.MemberId, registeredIn.Id, registeredIn.StationId, hashes.NameHash, hashes.PhoneHash, hashes.IdNumberHash));
                session.Store(new MemberIndexEntry(member.MemberId, household.Id, hashes.IdNumberHash, hashes.PersonHash));
                indexed++;
            }
            await session.SaveChangesAsync(cancellationToken);
            after = households[^1].Id;
        }
    }

    /// <summary>The wanted members of one household rehashed, or forgotten when they cannot be opened: how many of each.</summary>
    private static async Task<(int Rehashed, int Unreadable)> RehashAsync(
        IDocumentStore store, IPersonalKeyStore personalKeys, KeyedHash hash, Guid householdId, IReadOnlySet<Guid> wanted, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var household = await session.LoadAsync<Household>(householdId, cancellationToken);
        var members = household?.Members.Where(m => wanted.Contains(m.MemberId)).ToList() ?? [];
        var made = new List<MemberHashes>();
        foreach (var member in members)
            if (await HashesAsync(session, personalKeys, hash, household!, member, cancellationToken) is { } hashes) made.Add(hashes);
        foreach (var hashes in made) MemberIndex.Replace(session, hashes);
        // Rows of members not in the household (it is gone) or not to be opened go: nothing may find them.
        var unreadable = wanted.Except(made.Select(m => m.MemberId)).ToList();
        MemberIndex.Forget(session, unreadable);
        await session.SaveChangesAsync(cancellationToken);
        return (made.Count, unreadable.Count);
    }

    /// <summary>
    /// A member's hashes as registration makes them, under the current version, or null when their
    /// details or the home they were registered at can no longer be opened.
    /// </summary>
    private static async Task<MemberHashes?> HashesAsync(
        IQuerySession session, IPersonalKeyStore personalKeys, KeyedHash hash, Household household, HouseholdMember member, CancellationToken cancellationToken)
    {
        var home = await RegisteredInAsync(session, household, member.MemberId, cancellationToken);
        var keys = await personalKeys.FindAsync([member.MemberId, home.Id], cancellationToken);
        var details = PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(member.MemberId), member.SealedDetails);
        var address = PersonalData.OpenJson<HomeDetails>(keys.GetValueOrDefault(home.Id), home.SealedHome)?.Address;
        return details is null || address is null ? null : MemberIndex.HashesOf(hash, member.MemberId, details, address);
    }
    /// <summary>
    /// The household a member was registered in: a member who came with a merge was hashed with the
    /// address of their first household, which may itself have come with an earlier merge.
    /// </summary>
    private static async Task<Household> RegisteredInAsync(IQuerySession session, Household household, Guid memberId, CancellationToken cancellationToken)
    {
        foreach (var absorbedId in household.Absorbed)
            if (await session.LoadAsync<Household>(absorbedId, cancellationToken) is { } absorbed && absorbed.Member(memberId) is not null)
                return await RegisteredInAsync(session, absorbed, memberId, cancellationToken);
        return household;
    }
}
