using FiveSocieties.Contracts.V1;
using FiveSocieties.Cases.Cases;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>The documented table of <see cref="AbilityAndRisk"/>, row by row.</summary>
public sealed class AbilityAndRiskTests
{
    [Theory]
    [InlineData(100, MentalState.Clear, 0)]
    [InlineData(100, MentalState.MildImpairment, 0)]
    [InlineData(95, MentalState.Clear, 1)]
    [InlineData(65, MentalState.Clear, 1)]
    [InlineData(60, MentalState.Clear, 2)]
    [InlineData(45, MentalState.Clear, 2)]
    [InlineData(40, MentalState.Clear, 3)]
    [InlineData(25, MentalState.Clear, 3)]
    [InlineData(20, MentalState.Clear, 4)]
    [InlineData(0, MentalState.Clear, 4)]
    [InlineData(100, MentalState.ModerateImpairment, 1)]
    [InlineData(60, MentalState.ModerateImpairment, 3)]
    [InlineData(20, MentalState.ModerateImpairment, 4)]
    [InlineData(100, MentalState.SevereImpairment, 2)]
    [InlineData(80, MentalState.SevereImpairment, 2)]
    [InlineData(50, MentalState.SevereImpairment, 3)]
    [InlineData(0, MentalState.SevereImpairment, 4)]
    public void Ability_level_follows_the_ADL_score_raised_for_cognitive_impairment(int adl, MentalState mental, int level) =>
        AbilityAndRisk.Ability(adl, mental).ShouldBe(level);

    [Theory]
    [InlineData(37)]
    [InlineData(-5)]
    [InlineData(105)]
    [InlineData(99)]
    public void Only_Barthel_scores_are_scores(int adl)
    {
        AbilityAndRisk.IsBarthelScore(adl).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => AbilityAndRisk.Ability(adl, MentalState.Clear));
    }

    [Theory]
    [InlineData(3, LivingSituation.WithSpouse, SocialParticipation.Active, null, RiskLevel.High)]
    [InlineData(4, LivingSituation.InInstitution, SocialParticipation.Active, null, RiskLevel.High)]
    [InlineData(2, LivingSituation.LivesAlone, SocialParticipation.Active, null, RiskLevel.High)]
    [InlineData(0, LivingSituation.LivesAlone, SocialParticipation.Isolated, null, RiskLevel.High)]
    [InlineData(0, LivingSituation.WithGrandparents, SocialParticipation.Isolated, DifficultyType.LackOfGuardianship, RiskLevel.High)]
    [InlineData(2, LivingSituation.WithChildren, SocialParticipation.Active, null, RiskLevel.Medium)]
    [InlineData(1, LivingSituation.LivesAlone, SocialParticipation.Occasional, null, RiskLevel.Medium)]
    [InlineData(0, LivingSituation.WithSpouse, SocialParticipation.Isolated, null, RiskLevel.Medium)]
    [InlineData(0, LivingSituation.WithGrandparents, SocialParticipation.Active, DifficultyType.LackOfGuardianship, RiskLevel.Medium)]
    [InlineData(0, LivingSituation.LivesAlone, SocialParticipation.Occasional, null, RiskLevel.Low)]
    [InlineData(0, LivingSituation.WithParents, SocialParticipation.Active, DifficultyType.Poverty, RiskLevel.Low)]
    public void Risk_level_is_the_first_row_of_the_table_that_holds(
        int ability, LivingSituation living, SocialParticipation participation, DifficultyType? difficulty, RiskLevel risk) =>
        AbilityAndRisk.Risk(ability, living, participation, difficulty).ShouldBe(risk);
}
