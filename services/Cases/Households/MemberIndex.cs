// The keyed hashes that find people — the duplicate check at registration and the station's
// client search — are computed from a member's details while their key exists (at registration,
// by the re-index) and kept only in these rows, never in an event. Erasure deletes the rows in the
// same commit as it records itself, so no keyed hash of an erased person remains (issue 27, part 5).
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Households.FindingClients;
using FiveSocieties.Cases.Households.Registering;
using Marten;
using Marten.Patching;

namespace FiveSocieties.Cases.Households;

/// <summary>
/// One row per member with the hashes of the duplicate check: <see cref="IdNumberHash"/> matches
/// the same ID number, <see cref="PersonHash"/> (birth date + address) people who may be the same.
/// <see cref="HouseholdId"/> is the household they live in (followed through merges).
/// </summary>
public sealed record MemberIndexEntry(Guid Id, Guid HouseholdId, string? IdNumberHash, string PersonHash);

/// <summary>
/// One row per registered member: the keyed hashes a station's staff find them by (ClientSearch),
/// never the plaintext. <see cref="HouseholdId"/> is the household they were registered in; after
/// a merge <see cref="ClientDirectory"/> follows it to the household they live on in.
/// </summary>
public sealed record ClientSearchEntry(Guid Id, Guid HouseholdId, Guid? StationId, string? NameHash, string? PhoneHash, string? IdNumberHash);

/// <summary>A member's keyed hashes, all made under one version of the secret.</summary>
public sealed record MemberHashes(Guid MemberId, string? IdNumberHash, string PersonHash, string NameHash, string? PhoneHash);

public static class MemberIndex
{
    /// <summary>A member's hashes as registration makes them, from their details and the address they were registered at.</summary>
    public static MemberHashes HashesOf(KeyedHash hash, Guid memberId, MemberDetails details, string address) => new(memberId,
        details.IdNumber is { } id ? hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, id) : null,
        RegisterHouseholdEndpoint.PersonHashOf(hash, details.BirthDate, address),
        ClientKeys.NameHash(hash, details.Name),
        details.Phone is { } phone ? ClientKeys.PhoneHash(hash, phone) : null);

    /// <summary>Both rows of a newly registered member, in the session that registers them.</summary>
    public static void Add(IDocumentOperations session, Guid householdId, Guid? stationId, MemberHashes hashes)
    {
        session.Store(new MemberIndexEntry(hashes.MemberId, householdId, hashes.IdNumberHash, hashes.PersonHash));
        session.Store(new ClientSearchEntry(hashes.MemberId, householdId, stationId, hashes.NameHash, hashes.PhoneHash, hashes.IdNumberHash));
    }

    /// <summary>New hashes for a member whose rows exist; patches, so a member erased meanwhile gets no row back.</summary>
    public static void Replace(IDocumentOperations session, MemberHashes hashes)
    {
        session.Patch<MemberIndexEntry>(hashes.MemberId).Set(e => e.IdNumberHash, hashes.IdNumberHash).Set(e => e.PersonHash, hashes.PersonHash);
        session.Patch<ClientSearchEntry>(hashes.MemberId)
            .Set(e => e.IdNumberHash, hashes.IdNumberHash).Set(e => e.NameHash, hashes.NameHash).Set(e => e.PhoneHash, hashes.PhoneHash);
    }

    /// <summary>Members of a merged household now live in the one they were merged into.</summary>
    public static void Moved(IDocumentOperations session, IEnumerable<Guid> memberIds, Guid householdId)
    {
        foreach (var memberId in memberIds) session.Patch<MemberIndexEntry>(memberId).Set(e => e.HouseholdId, householdId);
    }

    /// <summary>The rows of members who can no longer be opened: with their key, their hashes go.</summary>
    public static void Forget(IDocumentOperations session, IEnumerable<Guid> memberIds)
    {
        foreach (var memberId in memberIds)
        {
            session.Delete<MemberIndexEntry>(memberId);
            session.Delete<ClientSearchEntry>(memberId);
        }
    }

    public static StoreOptions AddMemberIndex(this StoreOptions store)
    {
        store.Schema.For<MemberIndexEntry>().Duplicate(e => e.IdNumberHash!).Duplicate(e => e.PersonHash);
        store.Schema.For<ClientSearchEntry>()
            .Duplicate(e => e.StationId!)
            .Duplicate(e => e.NameHash!)
            .Duplicate(e => e.PhoneHash!)
            .Duplicate(e => e.IdNumberHash!);
        return store;
    }
}
