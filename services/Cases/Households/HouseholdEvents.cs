// Households (家庭) and their members. Personal fields are sealed (BuildingBlocks/Privacy): a
// member's name, birth date, ID number and phone with the member's own key, the home's address
// and exact position with the household's key. What stays readable is what the station's work
// and duplicate checks need: relation to the head, gender, grid, a position rounded to 0.01°,
// and keyed hashes.
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

/// <summary>
/// A member as the stream keeps them. <see cref="IdNumberHash"/> matches the same ID number;
/// <see cref="PersonHash"/> (birth date + address) finds people who may be the same and whose
/// names are then compared. <see cref="NameHash"/> and <see cref="PhoneHash"/> find a client by
/// full name or phone (FindingClients/ClientKeys); members registered before they were kept have
/// none until <see cref="HouseholdMembersMadeFindable"/> gives them theirs.
/// </summary>
public sealed record HouseholdMember(
    Guid MemberId, RelationToHead Relation, Gender Gender, string SealedDetails, string? IdNumberHash, string PersonHash,
    string? NameHash = null, string? PhoneHash = null);

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

/// <summary>A member's keys to be found by name and phone, made from their own sealed details.</summary>
public sealed record MemberSearchKeys(Guid MemberId, string NameHash, string? PhoneHash);

/// <summary>
/// Members registered before names and phones were hashed became findable by them: the keys were
/// made from the members' sealed details while their keys still existed (ClientSearch/ClientSearchKeysBackfill).
/// </summary>
public sealed record HouseholdMembersMadeFindable(Guid HouseholdId, IReadOnlyList<MemberSearchKeys> Members, DateTimeOffset At);

/// <summary>A member's keyed hashes, all made under one version of the secret.</summary>
public sealed record MemberHashes(Guid MemberId, string? IdNumberHash, string PersonHash, string? NameHash, string? PhoneHash);

/// <summary>
/// Members' hashes made again under the current version of the secret (<see cref="Version"/>),
/// from their sealed details while their keys existed, so that the previous secret can be dropped
/// (Households/Rehashing). Erased members cannot be opened and are not among them.
/// </summary>
public sealed record HouseholdMembersRehashed(Guid HouseholdId, int Version, IReadOnlyList<MemberHashes> Members, DateTimeOffset At);
