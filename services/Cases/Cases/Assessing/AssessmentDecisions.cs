// Assessment (评估): the events, command and rules of recording one. The types live in the Case
// aggregate's namespace because the case's state and decider are built from them.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public enum LivingSituation { LivesAlone, WithSpouse, WithChildren, WithParents, WithGrandparents, WithOtherRelatives, InInstitution }

public enum MentalState { Clear, MildImpairment, ModerateImpairment, SevereImpairment }

public enum SocialParticipation { Active, Occasional, Isolated }

/// <summary>困境儿童: why a child is in difficulty. Only children have one.</summary>
public enum DifficultyType { Poverty, Disability, LackOfGuardianship }

public sealed record Medication(string Name, string? Dose);

/// <summary>
/// A caseworker assessed the client. The ability and risk levels are recorded as derived at the
/// time, so a later change of <see cref="AbilityAndRisk"/> does not rewrite past assessments.
/// Health data: it never leaves the Cases service.
/// </summary>
public sealed record AssessmentRecorded(
    Guid CaseId,
    Guid AssessmentId,
    LivingSituation LivingSituation,
    IReadOnlyList<string> HealthConditions,
    IReadOnlyList<Medication> Medications,
    int AdlScore,
    MentalState MentalState,
    SocialParticipation SocialParticipation,
    DifficultyType? DifficultyType,
    int AbilityLevel,
    RiskLevel RiskLevel,
    Guid AssessedBy,
    DateTimeOffset AssessedAt);

/// <summary>One assessment as the case file keeps it; every one is kept, the latest counts.</summary>
public sealed record CaseAssessment(
    Guid Id, LivingSituation LivingSituation, IReadOnlyList<string> HealthConditions, IReadOnlyList<Medication> Medications,
    int AdlScore, MentalState MentalState, SocialParticipation SocialParticipation, DifficultyType? DifficultyType,
    int AbilityLevel, RiskLevel RiskLevel, Guid AssessedBy, DateTimeOffset AssessedAt);

public sealed record RecordAssessment(
    Guid CaseId, Guid AssessmentId, LivingSituation LivingSituation, IReadOnlyList<string> HealthConditions,
    IReadOnlyList<Medication> Medications, int AdlScore, MentalState MentalState, SocialParticipation SocialParticipation,
    DifficultyType? DifficultyType, Guid AssessedBy, DateTimeOffset At);

public static partial class CaseDecider
{
    public static IReadOnlyList<object> Decide(Case state, RecordAssessment command)
    {
        if (state.Assessments.FirstOrDefault(a => a.Id == command.AssessmentId) is { } existing)
            return SameAssessment(existing, command)
                ? []
                : throw new DomainRuleViolation("assessment.id-taken", $"Assessment {command.AssessmentId} already exists with other details.");
        if (state.Status == CaseStatus.Closed)
            throw new DomainRuleViolation("assessment.case-closed", "A closed case cannot be assessed; reopen it first.");
        if (!AbilityAndRisk.IsBarthelScore(command.AdlScore))
            throw new DomainRuleViolation("assessment.adl-invalid",
                $"A Barthel ADL score is 0 to 100 in steps of 5; {command.AdlScore} is not one.");
        if (state.ClientGroup == ClientGroup.Child && command.DifficultyType is null)
            throw new DomainRuleViolation("assessment.difficulty-type-required",
                "A child's assessment names the difficulty type (Poverty, Disability or LackOfGuardianship).");
        if (state.ClientGroup == ClientGroup.Elderly && command.DifficultyType is not null)
            throw new DomainRuleViolation("assessment.difficulty-type-not-for-elderly",
                "A difficulty type describes a child in difficulty (困境儿童), not an elderly client.");

        var ability = AbilityAndRisk.Ability(command.AdlScore, command.MentalState);
        var risk = AbilityAndRisk.Risk(ability, command.LivingSituation, command.SocialParticipation, command.DifficultyType);
        return
        [
            new AssessmentRecorded(state.Id, command.AssessmentId, command.LivingSituation, command.HealthConditions,
                command.Medications, command.AdlScore, command.MentalState, command.SocialParticipation, command.DifficultyType,
                ability, risk, command.AssessedBy, command.At),
        ];
    }

    // A client retrying with its own assessment id gets the same assessment, not a second one.
    private static bool SameAssessment(CaseAssessment existing, RecordAssessment command) =>
        existing.LivingSituation == command.LivingSituation && existing.AdlScore == command.AdlScore
        && existing.MentalState == command.MentalState && existing.SocialParticipation == command.SocialParticipation
        && existing.DifficultyType == command.DifficultyType
        && existing.HealthConditions.SequenceEqual(command.HealthConditions)
        && existing.Medications.SequenceEqual(command.Medications);
}
