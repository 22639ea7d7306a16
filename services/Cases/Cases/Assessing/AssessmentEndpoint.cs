using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using Marten;

namespace FiveSocieties.Cases.Cases.Assessing;

public sealed record MedicationRequest([property: Required] string? Name, string? Dose);

/// <summary>POST /cases/{id}/assessments. The client may send its own assessmentId: a repeat then changes nothing.</summary>
public sealed record RecordAssessmentRequest(
    Guid? AssessmentId,
    [property: Required] LivingSituation? LivingSituation,
    IReadOnlyList<string>? HealthConditions,
    IReadOnlyList<MedicationRequest>? Medications,
    [property: Required] int? AdlScore,
    [property: Required] MentalState? MentalState,
    [property: Required] SocialParticipation? SocialParticipation,
    DifficultyType? DifficultyType);

public sealed record AssessmentWritten(Guid CaseId, Guid AssessmentId, long Version);

public static class AssessmentEndpoint
{
    public static void MapAssessments(this IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{id:guid}/assessments", RecordAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .Produces<AssessmentWritten>(StatusCodes.Status200OK)
            .Produces<AssessmentWritten>(StatusCodes.Status201Created)
            .WithSummary("Record an assessment (评估): it sets the client's ability level (0–4) and risk level.");

    private static Task<IResult> RecordAsync(
        Guid id, RecordAssessmentRequest request, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var living = validator.Required(request.LivingSituation, "livingSituation");
        // The score's range and steps are a domain rule (422 assessment.adl-invalid); here only its presence.
        var adl = validator.Required(request.AdlScore, "adlScore");
        var mental = validator.Required(request.MentalState, "mentalState");
        var participation = validator.Required(request.SocialParticipation, "socialParticipation");
        var conditions = validator.List(request.HealthConditions, "healthConditions", maxCount: 30);
        for (var i = 0; i < conditions.Count; i++) validator.RequiredText(conditions[i], $"healthConditions[{i}]", 100);
        var medications = validator.List(request.Medications, "medications", maxCount: 30);
        var medicationList = medications.Select((m, i) =>
        {
            var name = validator.RequiredText(m?.Name, $"medications[{i}].name", 100);
            if (m?.Dose is { Length: > 100 }) validator.Fail($"medications[{i}].dose", "must be at most 100 characters.");
            return new Medication(name, string.IsNullOrWhiteSpace(m?.Dose) ? null : m.Dose.Trim());
        }).ToList();
        validator.Check(request.AssessmentId != Guid.Empty, "assessmentId", "must not be the empty id.");
        validator.ThrowIfInvalid();

        var assessmentId = request.AssessmentId ?? Guid.CreateVersion7();
        var command = new RecordAssessment(id, assessmentId, living, conditions.Select(c => c.Trim()).ToList(), medicationList,
            adl, mental, participation, request.DifficultyType, user.Id, clock.GetUtcNow());
        return store.DecideOverHttpAsync<Case>(id, http, c => user.EnsureCanSee(c.StationId, "Case", id), state => CaseDecider.Decide(state, command),
            decided => decided.Decision.CreatedUnlessRepeated($"/cases/{id}#assessments/{assessmentId}",
                new AssessmentWritten(id, assessmentId, decided.Decision.Version)),
            cancellationToken);
    }
}
