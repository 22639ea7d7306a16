using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace FiveSocieties.Cases.Households;

/// <summary>
/// One row per member with the keyed hashes, for the duplicate check at registration (index
/// look-ups instead of reading every household). Rebuildable from the household events.
/// </summary>
public sealed record MemberIndexEntry(Guid Id, Guid HouseholdId, string? IdNumberHash, string PersonHash);

public sealed partial class MemberIndexProjection : EventProjection
{
    public void Project(IEvent<HouseholdRegistered> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members) operations.Store(new MemberIndexEntry(m.MemberId, e.Data.HouseholdId, m.IdNumberHash, m.PersonHash));
    }

    /// <summary>A patch: an entry gone stays gone.</summary>
    public void Project(IEvent<HouseholdMembersRehashed> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members)
            operations.Patch<MemberIndexEntry>(m.MemberId).Set(x => x.IdNumberHash, m.IdNumberHash).Set(x => x.PersonHash, m.PersonHash);
    }

    public void Project(IEvent<HouseholdAbsorbed> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members) operations.Store(new MemberIndexEntry(m.MemberId, e.Data.HouseholdId, m.IdNumberHash, m.PersonHash));
    }
}
