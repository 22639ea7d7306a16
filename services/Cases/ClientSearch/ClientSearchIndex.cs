using FiveSocieties.Cases.Cases.Erasing;
using FiveSocieties.Cases.Households;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace FiveSocieties.Cases.ClientSearch;

/// <summary>
/// One row per registered member: the keyed hashes a station's staff find them by, never the
/// plaintext. <see cref="HouseholdId"/> is the household they were registered in; after a merge
/// <see cref="ClientDirectory"/> follows it to the household they live on in.
/// </summary>
public sealed record ClientSearchEntry(Guid Id, Guid HouseholdId, Guid? StationId, string? NameHash, string? PhoneHash, string? IdNumberHash);

/// <summary>
/// The search index, rebuildable from the household and erasure events. An absorbed household's
/// members need nothing new: they were indexed when their own household was registered, in the
/// same station (merges stay within one).
/// </summary>
public sealed partial class ClientSearchIndexProjection : EventProjection
{
    public void Project(IEvent<HouseholdRegistered> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members)
            operations.Store(new ClientSearchEntry(m.MemberId, e.Data.HouseholdId, e.Data.StationId, m.NameHash, m.PhoneHash, m.IdNumberHash));
    }

    /// <summary>
    /// A patch, not a new row: a person erased meanwhile has no row left, and must not get one back.
    /// </summary>
    public void Project(IEvent<HouseholdMembersMadeFindable> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members)
            operations.Patch<ClientSearchEntry>(m.MemberId).Set(x => x.NameHash, m.NameHash).Set(x => x.PhoneHash, m.PhoneHash);
    }

    /// <summary>A patch, as above: the rehashed are found by their new hashes, the erased stay unfound.</summary>
    public void Project(IEvent<HouseholdMembersRehashed> e, IDocumentOperations operations)
    {
        foreach (var m in e.Data.Members)
            operations.Patch<ClientSearchEntry>(m.MemberId)
                .Set(x => x.IdNumberHash, m.IdNumberHash).Set(x => x.NameHash, m.NameHash).Set(x => x.PhoneHash, m.PhoneHash);
    }

    /// <summary>An erased person is no longer found by anything: their name and phone cannot be shown anyway, and their ID number's hash goes too.</summary>
    public void Project(IEvent<ClientDataErased> e, IDocumentOperations operations)
    {
        foreach (var key in e.Data.DestroyedKeys) operations.Delete<ClientSearchEntry>(key);
    }
}

public static class ClientSearchIndex
{
    public static StoreOptions AddClientSearchIndex(this StoreOptions store)
    {
        store.Projections.Add<ClientSearchIndexProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<ClientSearchEntry>()
            .Duplicate(e => e.StationId!)
            .Duplicate(e => e.NameHash!)
            .Duplicate(e => e.PhoneHash!)
            .Duplicate(e => e.IdNumberHash!);
        return store;
    }
}
