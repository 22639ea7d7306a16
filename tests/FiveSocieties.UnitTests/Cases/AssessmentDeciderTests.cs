using FiveSocieties.Contracts.V1;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using static FiveSocieties.UnitTests.Cases.CaseHistory;
using ClientGroup = FiveSocieties.Contracts.V1.ClientGroup;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a case, when an assessment is recorded, then the levels it derives or the rule that refuses it.</summary>
public sealed class AssessmentDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();

    private static RecordAssessment Assess(
        int adl = 100, MentalState mental = MentalState.Clear, LivingSituation living = LivingSituation.WithSpouse,
        SocialParticipation participation = SocialParticipation.Active, DifficultyType? difficulty = null, Guid? id = null) =>
        new(CaseId, id ?? Guid.NewGuid(), living, ["高血压"], [new Medication("硝苯地平", "10 mg twice a day")], adl, mental,
            participation, difficulty, Caseworker, Now);

    [Fact]
    public void An_assessment_records_the_derived_ability_and_risk_and_the_case_takes_them()
    {
        var recorded = CaseDecider.Decide(Given(Opened(CaseId)), Assess(adl: 50, living: LivingSituation.LivesAlone))
            .ShouldHaveSingleItem().ShouldBeOfType<AssessmentRecorded>();
        recorded.AbilityLevel.ShouldBe(2);
        recorded.RiskLevel.ShouldBe(RiskLevel.High);
        recorded.AssessedBy.ShouldBe(Caseworker);
        recorded.AssessedAt.ShouldBe(Now);

        var state = Given([.. Opened(CaseId), recorded]);
        state.AbilityLevel.ShouldBe(2);
        state.RiskLevel.ShouldBe(RiskLevel.High);
        state.Assessments.ShouldHaveSingleItem().Medications.ShouldBe([new Medication("硝苯地平", "10 mg twice a day")]);
    }

    [Fact]
    public void Every_assessment_is_kept_and_the_latest_sets_the_levels()
    {
        var first = With(Opened(CaseId), s => CaseDecider.Decide(s, Assess(adl: 30)));
        var second = With(first, s => CaseDecider.Decide(s, Assess(adl: 100)));
        var state = Given(second);
        state.Assessments.Select(a => a.AdlScore).ShouldBe([30, 100]);
        state.AbilityLevel.ShouldBe(0);
        state.RiskLevel.ShouldBe(RiskLevel.Low);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(-5)]
    [InlineData(105)]
    public void An_ADL_score_that_is_not_a_Barthel_score_is_refused(int adl) =>
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened(CaseId)), Assess(adl: adl)))
            .Code.ShouldBe("assessment.adl-invalid");

    [Fact]
    public void A_closed_case_cannot_be_assessed()
    {
        var closed = With(Opened(CaseId), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(closed), Assess()))
            .Code.ShouldBe("assessment.case-closed");
    }

    [Fact]
    public void A_child_needs_a_difficulty_type_and_an_elderly_client_has_none()
    {
        var child = Given(Opened(CaseId, ClientGroup.Child));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(child, Assess()))
            .Code.ShouldBe("assessment.difficulty-type-required");
        CaseDecider.Decide(child, Assess(living: LivingSituation.WithGrandparents, difficulty: DifficultyType.LackOfGuardianship))
            .ShouldHaveSingleItem().ShouldBeOfType<AssessmentRecorded>().RiskLevel.ShouldBe(RiskLevel.Medium);

        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened(CaseId)), Assess(difficulty: DifficultyType.Poverty)))
            .Code.ShouldBe("assessment.difficulty-type-not-for-elderly");
    }

    [Fact]
    public void Recording_the_same_assessment_again_changes_nothing_but_other_details_under_its_id_are_refused()
    {
        var id = Guid.NewGuid();
        var history = With(Opened(CaseId), s => CaseDecider.Decide(s, Assess(adl: 60, id: id)));
        CaseDecider.Decide(Given(history), Assess(adl: 60, id: id)).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(history), Assess(adl: 65, id: id)))
            .Code.ShouldBe("assessment.id-taken");
    }
}
