// After the keyed hash's secret is rotated, the members' stored hashes are made again under the
// current version, from their sealed details, so that the previous secret can be dropped.
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Cases.Households.Registering;
using Marten;

namespace FiveSocieties.Cases.Households.Rehashing;

/// <summary>What a re-index did: households and members rehashed, and members it could not open (erased).</summary>
public sealed record RehashReport(int Households, int Members, int Unreadable);

/// <summary>
/// The re-index behind <c>fivesoc rehash</c>: every member whose hashes are not under the current
/// version gets them again in a <see cref="HouseholdMembersRehashed"/> on their household's stream,
/// so rebuilt indexes have them too. Erased members cannot be opened and keep what they had (their
/// search entries are gone already). Idempotent: a second run finds only the erased and appends nothing.
/// </summary>
public static class MemberRehash
{
    private const int PageSize = 500;

    public static async Task<RehashReport> RunAsync(IDocumentStore store, KeyedHash hash, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = new RehashReport(0, 0, 0);
        // Members found stale but left as they are (erased): not asked for again, so the run ends.
        var left = new HashSet<Guid>();
        while (true)
        {
            IReadOnlyList<MemberIndexEntry> stale;
            await using (var query = store.QuerySession())
            {
                var skipped = left.ToArray();
                var entries = query.Query<MemberIndexEntry>().Where(e => !e.Id.IsOneOf(skipped));
                entries = hash.Prefix is { } prefix
                    ? entries.Where(e => !e.PersonHash.StartsWith(prefix))
                    : entries.Where(e => e.PersonHash.Contains(":"));
                stale = await entries.OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
            }
            if (stale.Count == 0) return report;
            foreach (var household in stale.GroupBy(e => e.HouseholdId))
            {
                var wanted = household.Select(e => e.Id).ToHashSet();
                var (rehashed, unreadable) = await RehashAsync(store, hash, household.Key, wanted, clock, cancellationToken);
                left.UnionWith(wanted.Except(rehashed));
                report = new(report.Households + (rehashed.Count > 0 ? 1 : 0), report.Members + rehashed.Count, report.Unreadable + unreadable);
            }
        }
    }

    /// <summary>
    /// The wanted members of one household rehashed (their ids), and how many could not be opened;
    /// decided again on what another writer committed if it changed the household meanwhile.
    /// </summary>
    private static async Task<(IReadOnlyCollection<Guid> Rehashed, int Unreadable)> RehashAsync(
        IDocumentStore store, KeyedHash hash, Guid householdId, IReadOnlySet<Guid> wanted, TimeProvider clock, CancellationToken cancellationToken) =>
        await store.WriteAsync<(IReadOnlyCollection<Guid>, int)>(async (session, ct) =>
        {
            var household = await session.LoadAsync<Household>(householdId, ct);
            if (household is null) return ([], 0);
            var members = household.Members.Where(m => wanted.Contains(m.MemberId)).ToList();
            var made = new List<MemberHashes>();
            foreach (var member in members)
                if (await HashesAsync(session, hash, household, member, ct) is { } hashes) made.Add(hashes);
            var unreadable = members.Count - made.Count;
            if (made.Count == 0) return ([], unreadable);
            var decision = await session.DecideAsync<Household>(householdId, state => state is null ? []
                : HouseholdDecider.Decide(state, new RehashMembers(householdId, hash.Version, made, clock.GetUtcNow())), ct);
            if (decision.ChangedNothing) return ([], unreadable);
            await session.SaveChangesAsync(ct);
            return ([.. made.Select(m => m.MemberId)], unreadable);
        }, cancellationToken);

    /// <summary>
    /// A member's hashes as registration makes them, under the current version, or null when their
    /// details or the home they were registered at can no longer be opened.
    /// </summary>
    private static async Task<MemberHashes?> HashesAsync(
        IDocumentSession session, KeyedHash hash, Household household, HouseholdMember member, CancellationToken cancellationToken)
    {
        var home = await RegisteredInAsync(session, household, member.MemberId, cancellationToken);
        var keys = await PersonalData.KeysAsync(session, [member.MemberId, home.Id], cancellationToken);
        var details = PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(member.MemberId), member.SealedDetails);
        var address = PersonalData.OpenJson<HomeDetails>(keys.GetValueOrDefault(home.Id), home.SealedHome)?.Address;
        if (details is null || address is null) return null;
        return new MemberHashes(member.MemberId,
            details.IdNumber is { } id ? hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, id) : null,
            RegisterHouseholdEndpoint.PersonHashOf(hash, details.BirthDate, address),
            ClientKeys.NameHash(hash, details.Name),
            details.Phone is { } phone ? ClientKeys.PhoneHash(hash, phone) : null);
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
