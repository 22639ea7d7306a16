// Households (家庭) and their members. Personal fields are sealed (BuildingBlocks/Privacy): a
// member's name, birth date, ID number and phone with the member's own key, the home's address
// and exact position with the household's key. What stays readable is what the station's work
// needs: relation to the head, gender, grid, a position rounded to 0.01°. The keyed hashes that
// find people are not here: they live in index rows computed while the keys exist and deleted
// with them (MemberIndex.cs), so no hash of an erased person stays in the streams.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Households;

public enum RelationToHead { Self, Spouse, Child, ChildInLaw, Grandchild, Parent, Sibling, Other }

public enum Gender { Female, Male }

/// <summary>Where the household lives: district, township, community or village (社区/村), grid (网格).</summary>
public sealed record HouseholdLocation(string District, string Township, string Community, string Grid);

/// <summary>A member's personal fields, sealed with the member's key.</summary>
public sealed record MemberDetails(string Name, DateOnly BirthDate, string? IdNumber, string? Phone);

/// <summary>The home's address and exact position, sealed with the household's key.</summary>
public sealed record HomeDetails(string Address, double? Latitude, double? Longitude);

/// <summary>A member as the stream keeps them: sealed details and what is not personal.</summary>
public sealed record HouseholdMember(Guid MemberId, RelationToHead Relation, Gender Gender, string SealedDetails);

/// <summary>
/// <see cref="StationId"/> is the station whose staff registered the household: only they read it
/// (others get 404). Null for a household registered before households were scoped to a station:
/// no station's staff reads it then, short of breaking the glass.
/// </summary>
public sealed record HouseholdRegistered(
    Guid HouseholdId,
    HouseholdLocation Location,
    string SealedHome,
    GeoPoint? ApproximatePosition,
    IReadOnlyList<HouseholdMember> Members,
    Guid RegisteredBy,
    DateTimeOffset RegisteredAt,
    Guid? StationId = null);

/// <summary>The other household was found to be this one: its members join this one. Its own stream stays as it was.</summary>
public sealed record HouseholdAbsorbed(
    Guid HouseholdId, Guid OtherHouseholdId, IReadOnlyList<HouseholdMember> Members, Guid MergedBy, DateTimeOffset MergedAt);

/// <summary>This household was merged into another; its history stays here, its members live on there.</summary>
public sealed record HouseholdMergedInto(Guid HouseholdId, Guid IntoHouseholdId, Guid MergedBy, DateTimeOffset MergedAt);

// Events of streams written before the hashes left them (issue 27). Their hashes were stripped from
// the stored events (HashesOutOfEvents); they are kept so that old streams still read, and change nothing.

/// <summary>Legacy: members were given search keys; the keys themselves now live in the index rows.</summary>
public sealed record MemberSearchKeys(Guid MemberId);

/// <summary>Legacy: see <see cref="MemberSearchKeys"/>.</summary>
public sealed record HouseholdMembersMadeFindable(Guid HouseholdId, IReadOnlyList<MemberSearchKeys> Members, DateTimeOffset At);

/// <summary>Legacy: members were rehashed under <see cref="Version"/>; their hashes now live in the index rows.</summary>
public sealed record HouseholdMembersRehashed(Guid HouseholdId, int Version, IReadOnlyList<MemberSearchKeys> Members, DateTimeOffset At);
