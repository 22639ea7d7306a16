using FiveSocieties.BuildingBlocks.Privacy;
using Marten;

namespace FiveSocieties.Cases.Households;

/// <summary>A household member's personal fields, opened; null parts were erased.</summary>
public sealed record OpenedMember(Guid HouseholdId, HouseholdMember Member, MemberDetails? Details, HomeDetails? Home, Household Household);

/// <summary>Opens a household member's sealed fields with their keys (missing keys: erased, nothing to read).</summary>
public static class ClientDirectory
{
    public static async Task<OpenedMember?> OpenAsync(IQuerySession session, IPersonalKeyStore personalKeys, Guid householdId, Guid memberId, CancellationToken cancellationToken)
    {
        var household = await session.LoadAsync<Household>(householdId, cancellationToken);
        // A member of a merged household lives on in the household it was merged into.
        if (household?.Member(memberId) is null && household?.MergedInto is { } into)
            household = await session.LoadAsync<Household>(into, cancellationToken);
        if (household?.Member(memberId) is not { } member) return null;
        var keys = await personalKeys.FindAsync([memberId, household.Id], cancellationToken);
        return new OpenedMember(household.Id, member,
            PersonalData.OpenJson<MemberDetails>(keys.GetValueOrDefault(memberId), member.SealedDetails),
            PersonalData.OpenJson<HomeDetails>(keys.GetValueOrDefault(household.Id), household.SealedHome),
            household);
    }

    /// <summary>Whole years of age on <paramref name="on"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        return birthDate.AddYears(age) > on ? age - 1 : age;
    }
}
