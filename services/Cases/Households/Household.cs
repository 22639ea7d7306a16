using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Households;

/// <summary>A household as its events made it (kept inline by Marten).</summary>
public sealed record Household(
    Guid Id,
    HouseholdLocation Location,
    string SealedHome,
    GeoPoint? ApproximatePosition,
    IReadOnlyList<HouseholdMember> Members,
    DateTimeOffset RegisteredAt,
    long Version)
{
    /// <summary>The station whose staff registered it and alone read it; null for a household registered before that was recorded.</summary>
    public Guid? StationId { get; init; }

    /// <summary>Set once this household was merged into another.</summary>
    public Guid? MergedInto { get; init; }
    public IReadOnlyList<Guid> Absorbed { get; init; } = [];

    public static Household Create(HouseholdRegistered registered) => new(
        registered.HouseholdId, registered.Location, registered.SealedHome, registered.ApproximatePosition,
        registered.Members, registered.RegisteredAt, 1)
    {
        StationId = registered.StationId,
    };

    public Household Apply(HouseholdAbsorbed absorbed) => this with
    {
        Members = [.. Members, .. absorbed.Members],
        Absorbed = [.. Absorbed, absorbed.OtherHouseholdId],
    };

    public Household Apply(HouseholdMembersMadeFindable findable) => this with
    {
        Members = Members.Select(m => findable.Members.FirstOrDefault(k => k.MemberId == m.MemberId) is { } keys
            ? m with { NameHash = keys.NameHash, PhoneHash = keys.PhoneHash } : m).ToList(),
    };

    public Household Apply(HouseholdMembersRehashed rehashed) => this with
    {
        Members = Members.Select(m => rehashed.Members.FirstOrDefault(h => h.MemberId == m.MemberId) is { } hashes
            ? m with { IdNumberHash = hashes.IdNumberHash, PersonHash = hashes.PersonHash, NameHash = hashes.NameHash, PhoneHash = hashes.PhoneHash }
            : m).ToList(),
    };

    public Household Apply(HouseholdMergedInto merged) =>
        this with { MergedInto = merged.IntoHouseholdId };

    public HouseholdMember? Member(Guid memberId) => Members.FirstOrDefault(m => m.MemberId == memberId);
}
