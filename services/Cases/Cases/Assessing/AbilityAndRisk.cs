using FiveSocieties.Contracts.V1;
namespace FiveSocieties.Cases.Cases;

/// <summary>
/// The ability level (能力等级, after GB/T 42195-2022 老年人能力评估规范) and the risk level that
/// follow from an assessment. The standard scores more items than we record; this is the
/// station's working approximation from the Barthel ADL score and the mental state.
///
/// Ability level from the Barthel ADL score (0–100 in steps of 5):
/// <code>
///   ADL      level  GB/T 42195-2022
///   100      0      能力完好  intact
///   65–95    1      轻度失能  mildly impaired
///   45–60    2      中度失能  moderately impaired
///   25–40    3      重度失能  severely impaired
///   0–20     4      完全失能  totally impaired
/// </code>
/// then for cognition (someone who cannot be left to their own judgement needs more care than
/// their body alone says):
/// <code>
///   Clear, MildImpairment   unchanged
///   ModerateImpairment      one level up, at most 4
///   SevereImpairment        one level up, at least 2, at most 4
/// </code>
/// Risk level, the first row that holds:
/// <code>
///   High    ability ≥ 3
///           lives alone and ability ≥ 2
///           lives alone and socially isolated (独居且孤立: nobody would notice a fall)
///           a child lacking guardianship who is also isolated
///   Medium  ability ≥ 1
///           socially isolated
///           a child lacking guardianship (事实无人抚养)
///   Low     otherwise
/// </code>
/// </summary>
public static class AbilityAndRisk
{
    public const int IntactLevel = 0;
    public const int TotallyImpairedLevel = 4;

    public static bool IsBarthelScore(int adl) => adl is >= 0 and <= 100 && adl % 5 == 0;

    public static int Ability(int adl, MentalState mentalState)
    {
        if (!IsBarthelScore(adl)) throw new ArgumentOutOfRangeException(nameof(adl), adl, "A Barthel ADL score is 0 to 100 in steps of 5.");
        var bySelfCare = adl switch
        {
            100 => 0,
            >= 65 => 1,
            >= 45 => 2,
            >= 25 => 3,
            _ => 4,
        };
        return mentalState switch
        {
            MentalState.ModerateImpairment => Math.Min(bySelfCare + 1, TotallyImpairedLevel),
            MentalState.SevereImpairment => Math.Min(Math.Max(bySelfCare + 1, 2), TotallyImpairedLevel),
            _ => bySelfCare,
        };
    }

    public static RiskLevel Risk(
        int abilityLevel, LivingSituation living, SocialParticipation participation, DifficultyType? difficulty)
    {
        var alone = living == LivingSituation.LivesAlone;
        var isolated = participation == SocialParticipation.Isolated;
        var unguarded = difficulty == DifficultyType.LackOfGuardianship;

        if (abilityLevel >= 3 || (alone && abilityLevel >= 2) || (alone && isolated) || (unguarded && isolated))
            return RiskLevel.High;
        if (abilityLevel >= 1 || isolated || unguarded)
            return RiskLevel.Medium;
        return RiskLevel.Low;
    }
}
