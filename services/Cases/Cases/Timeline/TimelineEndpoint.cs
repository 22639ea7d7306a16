using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;
using Marten;

namespace FiveSocieties.Cases.Cases.Timeline;

/// <summary>
/// One thing that happened on a case: when (as the actor said), by whom, what; and when the
/// store recorded it — the clock that ?asOf= on GET /cases/{id} reads.
/// </summary>
public sealed record TimelineEntry(long Version, DateTimeOffset At, DateTimeOffset RecordedAt, string Kind, Guid? By, string Summary);

public static class TimelineEndpoint
{
    public static void MapTimeline(this IEndpointRouteBuilder api) =>
        api.MapGet("/cases/{id:guid}/timeline", GetAsync)
            .RequireRoles(Roles.Caseworker, Roles.Supervisor)
            .WithSummary("Every event on the case in order, with who and when.");

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, HttpRequest request, TimeProvider clock,
        LocalCalendar calendar, CancellationToken cancellationToken)
    {
        await Auditing.CaseFileAccess.OpenAsync(store, session, CurrentUser.From(principal), id, "timeline", request, clock, cancellationToken);
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        return TypedResults.Ok(events.Select(e => Describe(e, calendar)).ToList());
    }

    /// <summary>The caseworker's view of an event; the Kind is stable, the summary is for people, its dates the stations' dates.</summary>
    public static TimelineEntry Describe(IEvent e, LocalCalendar calendar) => e.Data switch
    {
        CaseOpened opened => new(e.Version, opened.OpenedAt, e.Timestamp, "CaseOpened", opened.OpenedBy,
            $"Case opened for a client in group {opened.ClientGroup} ({string.Join(", ", opened.Categories)}) in grid {opened.Location.Grid}."),
        CaseworkerReassigned reassigned => new(e.Version, reassigned.ReassignedAt, e.Timestamp, "CaseworkerReassigned", reassigned.ReassignedBy,
            "Case handed to another caseworker" + (reassigned.Reason is { Length: > 0 } reason ? $": {reason}" : ".")),
        NeedRaised raised => new(e.Version, raised.RaisedAt, e.Timestamp, "NeedRaised", raised.RaisedBy,
            $"{raised.Category} need raised ({raised.Urgency}, {raised.Recurrence}, from {raised.StartDate:yyyy-MM-dd})."),
        NeedWithdrawn withdrawn => new(e.Version, withdrawn.WithdrawnAt, e.Timestamp, "NeedWithdrawn", withdrawn.WithdrawnBy,
            withdrawn.Cause == NeedWithdrawalCause.CaseClosed ? "Need withdrawn with the case." : $"Need withdrawn: {withdrawn.Reason}."),
        CaseClosed closed => new(e.Version, closed.ClosedAt, e.Timestamp, "CaseClosed", closed.ClosedBy, $"Case closed: {closed.Reason}."),
        CaseReopened reopened => new(e.Version, reopened.ReopenedAt, e.Timestamp, "CaseReopened", reopened.ReopenedBy, $"Case reopened: {reopened.Reason}."),
        AssessmentRecorded assessed => new(e.Version, assessed.AssessedAt, e.Timestamp, "AssessmentRecorded", assessed.AssessedBy,
            $"Assessment recorded: ability level {assessed.AbilityLevel}, risk {assessed.RiskLevel}."),
        ServicePlanProposed proposed => new(e.Version, proposed.ProposedAt, e.Timestamp, "ServicePlanProposed", proposed.ProposedBy,
            $"Service plan proposed: {proposed.Goals.Count} goal(s), visits {proposed.VisitFrequency}, review on {proposed.ReviewDate:yyyy-MM-dd}."),
        ServicePlanAdopted adopted => new(e.Version, adopted.AdoptedAt, e.Timestamp, "ServicePlanAdopted", adopted.ApprovedBy,
            "Service plan approved and adopted."),
        ServicePlanSentBack sentBack => new(e.Version, sentBack.SentBackAt, e.Timestamp, "ServicePlanSentBack", sentBack.SentBackBy,
            $"Service plan sent back: {sentBack.Reason}."),
        VisitRecorded visited => new(e.Version, visited.VisitedAt, e.Timestamp, "VisitRecorded", visited.VisitedBy,
            $"Home visit by a {visited.VisitorRole.ToString().ToLowerInvariant()}" + (visited.ConcernsRaised ? "; concerns raised." : "; no concerns.")),
        ActivityAttended attended => new(e.Version, calendar.StartOfDay(attended.AttendedOn),
            e.Timestamp, "ActivityAttended", attended.RecordedBy,
            $"Attended the {attended.ActivityKind.ToString().ToLowerInvariant()} activity \"{attended.ActivityTitle}\" on {attended.AttendedOn:yyyy-MM-dd}."),
        ConsentGiven given => new(e.Version, given.GivenAt, e.Timestamp, "ConsentGiven", given.RecordedBy,
            $"Consent for {given.Purpose} given by the {given.GivenBy.ToString().ToLowerInvariant()}"
            + (given.Organisations.Count > 0 ? $" to {string.Join(", ", given.Organisations)}" : "") + $", valid until {calendar.Today(given.ValidUntil):yyyy-MM-dd}."),
        ConsentWithdrawn withdrawn => new(e.Version, withdrawn.WithdrawnAt, e.Timestamp, "ConsentWithdrawn", withdrawn.WithdrawnBy,
            "Consent withdrawn" + (withdrawn.Reason is { Length: > 0 } why ? $": {why}." : ".")),
        ConsentExpired expired => new(e.Version, expired.ValidUntil, e.Timestamp, "ConsentExpired", null, "Consent expired."),
        DeliveryDetailsShared shared => new(e.Version, shared.SharedAt, e.Timestamp, "DeliveryDetailsShared", null,
            $"Delivery details shared with the volunteers' service until {calendar.Today(shared.ValidUntil):yyyy-MM-dd}."),
        DeliveryDetailsRevoked revoked => new(e.Version, revoked.RevokedAt, e.Timestamp, "DeliveryDetailsRevoked", null,
            $"Shared delivery details revoked ({revoked.Cause})."),
        ReferralReported { Stage: ReferralStage.Cancelled } cancelled => new(e.Version, cancelled.OccurredAt, e.Timestamp, "ReferralCancelled",
            // Only a provider's withdrawal is someone's act Matching reports; a withdrawn need or closed case has its own entry naming who.
            cancelled.CancelCause == ReferralCancelCause.OfferWithdrawn ? cancelled.ProviderId : null,
            $"Referral {cancelled.ReferralId} for need {cancelled.NeedId}: cancelled"
            + (cancelled.CancelledAt is { } step ? $" at step {step}" : "") + $" because {CancelReason(cancelled.CancelCause)} (reported by Matching)."),
        ReferralReported referral => new(e.Version, referral.OccurredAt, e.Timestamp, "Referral" + referral.Stage, null,
            $"Referral {referral.ReferralId} for need {referral.NeedId}: {referral.Stage.ToString().ToLowerInvariant()} (reported by Matching)."),
        NeedMatched matched => new(e.Version, matched.MatchedAt, e.Timestamp, "NeedMatched", null, "Need matched: the provider accepted the referral."),
        NeedReopened reopenedNeed => new(e.Version, reopenedNeed.ReopenedAt, e.Timestamp, "NeedReopened", null,
            $"Need open again: the accepted referral was {reopenedNeed.Cause.ToString().ToLowerInvariant()}."),
        NeedFulfilled fulfilled => new(e.Version, fulfilled.FulfilledAt, e.Timestamp, "NeedFulfilled", null, "Need fulfilled."),
        UrgentNeedLeftUnmatched left => new(e.Version, left.NoticedAt, e.Timestamp, "UrgentNeedLeftUnmatched", null,
            $"Urgent {left.Category} need still unmatched {(left.NoticedAt - left.RaisedAt).TotalHours:0.#} hours after it was raised; the caseworker is alerted."),
        DeliveryCompletedReported delivered => new(e.Version, delivered.CompletedAt, e.Timestamp, "DeliveryCompleted", delivered.VolunteerId,
            $"Meal delivered on {delivered.Date:yyyy-MM-dd}; wellbeing {delivered.Wellbeing.ToString().ToLowerInvariant()}."),
        DeliveryMissedReported missed => new(e.Version, missed.MissedAt, e.Timestamp, "DeliveryMissed", missed.VolunteerId,
            $"Meal of {missed.Date:yyyy-MM-dd} missed ({missed.Reason})" + (missed.SafetyCheckRequired ? "; safety check required." : ".")),
        _ => new(e.Version, e.Timestamp, e.Timestamp, e.EventType.Name, null, e.EventType.Name),
    };

    private static string CancelReason(ReferralCancelCause? cause) => cause switch
    {
        ReferralCancelCause.OfferWithdrawn => "the provider withdrew the offer",
        ReferralCancelCause.OfferExpired => "the offer expired",
        ReferralCancelCause.NeedWithdrawn => "the need was withdrawn",
        ReferralCancelCause.CaseClosed => "the case was closed",
        _ => "its need or offer went away",
    };
}
