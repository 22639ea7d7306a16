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

    public Household Apply(HouseholdMergedInto merged) =>
        this with { MergedInto = merged.IntoHouseholdId };

    public HouseholdMember? Member(Guid memberId) => Members.FirstOrDefault(m => m.MemberId == memberId);
}
