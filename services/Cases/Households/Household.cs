using FiveSocieties.Contracts.V1;
using JasperFx.Events;

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

    public static Household Create(IEvent<HouseholdRegistered> registered) => new(
        registered.Data.HouseholdId, registered.Data.Location, registered.Data.SealedHome, registered.Data.ApproximatePosition,
        registered.Data.Members, registered.Data.RegisteredAt, registered.Version)
    {
        StationId = registered.Data.StationId,
    };

    public Household Apply(IEvent<HouseholdAbsorbed> absorbed) => this with
    {
        Members = [.. Members, .. absorbed.Data.Members],
        Absorbed = [.. Absorbed, absorbed.Data.OtherHouseholdId],
        Version = absorbed.Version,
    };

    public Household Apply(IEvent<HouseholdMembersMadeFindable> findable) => this with
    {
        Members = Members.Select(m => findable.Data.Members.FirstOrDefault(k => k.MemberId == m.MemberId) is { } keys
            ? m with { NameHash = keys.NameHash, PhoneHash = keys.PhoneHash } : m).ToList(),
        Version = findable.Version,
    };

    public Household Apply(IEvent<HouseholdMergedInto> merged) =>
        this with { MergedInto = merged.Data.IntoHouseholdId, Version = merged.Version };

    public HouseholdMember? Member(Guid memberId) => Members.FirstOrDefault(m => m.MemberId == memberId);
}
