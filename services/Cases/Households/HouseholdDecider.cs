using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Households;

public sealed record RegisterHousehold(
    Guid HouseholdId, HouseholdLocation Location, string SealedHome, GeoPoint? ApproximatePosition,
    IReadOnlyList<HouseholdMember> Members, Guid RegisteredBy, DateTimeOffset At, Guid StationId, bool SameAsStored = false);

public sealed record MergeHouseholds(Guid HouseholdId, Guid OtherHouseholdId, Guid MergedBy, DateTimeOffset At);

public static class HouseholdDecider
{
    public static IReadOnlyList<object> Decide(Household? state, RegisterHousehold command)
    {
        if (state is not null)
        {
            // A repeat with the client's own id: sealed values differ per sealing, so the caller
            // opened the stored ones and compared them with the request (SameAsStored).
            var same = command.SameAsStored && state.Location == command.Location
                && state.Members.Select(m => (m.MemberId, m.Relation, m.Gender)).SequenceEqual(command.Members.Select(m => (m.MemberId, m.Relation, m.Gender)));
            return same ? [] : throw new DomainRuleViolation("household.id-taken", $"Household {command.HouseholdId} already exists with other details.");
        }
        if (command.Members.Count(m => m.Relation == RelationToHead.Self) != 1)
            throw new DomainRuleViolation("household.one-head", "A household has exactly one head (relation Self).");
        return [new HouseholdRegistered(command.HouseholdId, command.Location, command.SealedHome, command.ApproximatePosition,
            command.Members, command.RegisteredBy, command.At, command.StationId)];
    }

    /// <summary>Both decisions of a merge; the endpoint appends them to both streams in one commit.</summary>
    public static (IReadOnlyList<object> Kept, IReadOnlyList<object> Other) Decide(Household kept, Household other, MergeHouseholds command)
    {
        if (kept.Id == other.Id)
            throw new DomainRuleViolation("household.merge-self", "A household cannot be merged into itself.");
        if (other.MergedInto == kept.Id) return ([], []);
        if (kept.MergedInto is not null)
            throw new DomainRuleViolation("household.merged", $"Household {kept.Id} was merged into {kept.MergedInto}; merge into that one.");
        if (other.MergedInto is not null)
            throw new DomainRuleViolation("household.merged", $"Household {other.Id} was already merged into {other.MergedInto}.");
        var known = kept.Members.Select(m => m.MemberId).ToHashSet();
        return (
            [new HouseholdAbsorbed(kept.Id, other.Id, other.Members.Where(m => !known.Contains(m.MemberId)).ToList(), command.MergedBy, command.At)],
            [new HouseholdMergedInto(other.Id, kept.Id, command.MergedBy, command.At)]);
    }
}
