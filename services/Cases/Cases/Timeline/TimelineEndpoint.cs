using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Contracts.V1;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .ShowsPersonalData()
            .WithSummary("Every event on the case in order, with who and when.");

    private static async Task<Ok<List<TimelineEntry>>> GetAsync(
        Guid id, ClaimsPrincipal principal, IDocumentStore store, IQuerySession session, HttpContext http, TimeProvider clock,
        LocalCalendar calendar, TextCatalogues texts, CancellationToken cancellationToken)
    {
        await CaseFileReading.OpenAsync(store, session, CurrentUser.From(principal), id, "timeline", http.Request, clock, cancellationToken);
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        var language = http.AnswerInReaderLanguage();
        return TypedResults.Ok(events.Select(e => Describe(e, calendar, texts, language)).ToList());
    }

    /// <summary>
    /// The caseworker's view of an event: the Kind is stable, the summary is for people, in the
    /// reader's language (its Chinese in <see cref="CasesTexts"/> under "timeline." and the Kind), its dates the stations' dates.
    /// </summary>
    public static TimelineEntry Describe(IEvent e, LocalCalendar calendar, TextCatalogues texts, ReaderLanguage language)
    {
        var (at, kind, by, summary, code) = Summarise(e, calendar);
        return new TimelineEntry(e.Version, at, e.Timestamp, kind, by, texts.Say(code, summary, language));
    }

    internal static (DateTimeOffset At, string Kind, Guid? By, Phrase Summary, string TextCode) Summarise(IEvent e, LocalCalendar calendar) => e.Data switch
    {
        CaseOpened opened => Entry(opened.OpenedAt, "CaseOpened", opened.OpenedBy,
            $"Case opened for a client in group {opened.ClientGroup} ({NameList.Of(opened.Categories)}) in grid {opened.Location.Grid}."),
        CaseworkerReassigned reassigned => reassigned.Reason is { Length: > 0 } reason
            ? Entry(reassigned.ReassignedAt, "CaseworkerReassigned", reassigned.ReassignedBy, $"Case handed to another caseworker: {reason}")
            : Entry(reassigned.ReassignedAt, "CaseworkerReassigned", reassigned.ReassignedBy, "Case handed to another caseworker.", "no-reason"),
        NeedRaised raised => Entry(raised.RaisedAt, "NeedRaised", raised.RaisedBy,
            $"{raised.Category} need raised ({raised.Urgency}, {raised.Recurrence}, from {raised.StartDate:yyyy-MM-dd})."),
        NeedWithdrawn withdrawn => withdrawn.Cause == NeedWithdrawalCause.CaseClosed
            ? Entry(withdrawn.WithdrawnAt, "NeedWithdrawn", withdrawn.WithdrawnBy, "Need withdrawn with the case.", "with-case")
            : Entry(withdrawn.WithdrawnAt, "NeedWithdrawn", withdrawn.WithdrawnBy, $"Need withdrawn: {withdrawn.Reason}."),
        CaseClosed closed => Entry(closed.ClosedAt, "CaseClosed", closed.ClosedBy, $"Case closed: {closed.Reason}."),
        CaseReopened reopened => Entry(reopened.ReopenedAt, "CaseReopened", reopened.ReopenedBy, $"Case reopened: {reopened.Reason}."),
        AssessmentRecorded assessed => Entry(assessed.AssessedAt, "AssessmentRecorded", assessed.AssessedBy,
            $"Assessment recorded: ability level {assessed.AbilityLevel}, risk {assessed.RiskLevel}."),
        ServicePlanProposed proposed => Entry(proposed.ProposedAt, "ServicePlanProposed", proposed.ProposedBy,
            $"Service plan proposed: {proposed.Goals.Count} goal(s), visits {proposed.VisitFrequency}, review on {proposed.ReviewDate:yyyy-MM-dd}."),
        ServicePlanAdopted adopted => Entry(adopted.AdoptedAt, "ServicePlanAdopted", adopted.ApprovedBy, "Service plan approved and adopted."),
        ServicePlanSentBack sentBack => Entry(sentBack.SentBackAt, "ServicePlanSentBack", sentBack.SentBackBy, $"Service plan sent back: {sentBack.Reason}."),
        VisitRecorded visited => visited.ConcernsRaised
            ? Entry(visited.VisitedAt, "VisitRecorded", visited.VisitedBy, $"Home visit by a {new LowerName(visited.VisitorRole)}; concerns raised.", "concerns")
            : Entry(visited.VisitedAt, "VisitRecorded", visited.VisitedBy, $"Home visit by a {new LowerName(visited.VisitorRole)}; no concerns."),
        ActivityAttended attended => Entry(calendar.StartOfDay(attended.AttendedOn), "ActivityAttended", attended.RecordedBy,
            $"Attended the {new LowerName(attended.ActivityKind)} activity \"{attended.ActivityTitle}\" on {attended.AttendedOn:yyyy-MM-dd}."),
        ConsentGiven given => given.Organisations.Count > 0
            ? Entry(given.GivenAt, "ConsentGiven", given.RecordedBy,
                $"Consent for {given.Purpose} given by the {new LowerName(given.GivenBy)} to {string.Join(", ", given.Organisations)}, valid until {calendar.Today(given.ValidUntil):yyyy-MM-dd}.",
                "to-organisations")
            : Entry(given.GivenAt, "ConsentGiven", given.RecordedBy,
                $"Consent for {given.Purpose} given by the {new LowerName(given.GivenBy)}, valid until {calendar.Today(given.ValidUntil):yyyy-MM-dd}."),
        ConsentWithdrawn withdrawn => withdrawn.Reason is { Length: > 0 } why
            ? Entry(withdrawn.WithdrawnAt, "ConsentWithdrawn", withdrawn.WithdrawnBy, $"Consent withdrawn: {why}.")
            : Entry(withdrawn.WithdrawnAt, "ConsentWithdrawn", withdrawn.WithdrawnBy, "Consent withdrawn.", "no-reason"),
        ConsentExpired expired => Entry(expired.ValidUntil, "ConsentExpired", null, "Consent expired."),
        DeliveryDetailsShared shared => Entry(shared.SharedAt, "DeliveryDetailsShared", null,
            $"Delivery details shared with the volunteers' service until {calendar.Today(shared.ValidUntil):yyyy-MM-dd}."),
        DeliveryDetailsRevoked revoked => Entry(revoked.RevokedAt, "DeliveryDetailsRevoked", null, $"Shared delivery details revoked ({revoked.Cause})."),
        // Only a provider's withdrawal is someone's act Matching reports; a withdrawn need or closed case has its own entry naming who.
        ReferralReported { Stage: ReferralStage.Cancelled } cancelled => cancelled.CancelledAt is { } step
            ? Entry(cancelled.OccurredAt, "ReferralCancelled", cancelled.CancelCause == ReferralCancelCause.OfferWithdrawn ? cancelled.ProviderId : null,
                $"Referral {cancelled.ReferralId} for need {cancelled.NeedId}: cancelled at step {step} because {CancelReason(cancelled.CancelCause)} (reported by Matching).",
                "at-step")
            : Entry(cancelled.OccurredAt, "ReferralCancelled", cancelled.CancelCause == ReferralCancelCause.OfferWithdrawn ? cancelled.ProviderId : null,
                $"Referral {cancelled.ReferralId} for need {cancelled.NeedId}: cancelled because {CancelReason(cancelled.CancelCause)} (reported by Matching)."),
        ReferralReported referral => Entry(referral.OccurredAt, "Referral" + referral.Stage, null,
            $"Referral {referral.ReferralId} for need {referral.NeedId}: {new LowerName(referral.Stage)} (reported by Matching)."),
        NeedMatched matched => Entry(matched.MatchedAt, "NeedMatched", null, "Need matched: the provider accepted the referral."),
        NeedReopened reopenedNeed => Entry(reopenedNeed.ReopenedAt, "NeedReopened", null,
            $"Need open again: the accepted referral was {new LowerName(reopenedNeed.Cause)}."),
        NeedFulfilled fulfilled => Entry(fulfilled.FulfilledAt, "NeedFulfilled", null, "Need fulfilled."),
        UrgentNeedLeftUnmatched left => Entry(left.NoticedAt, "UrgentNeedLeftUnmatched", null,
            $"Urgent {left.Category} need still unmatched {(left.NoticedAt - left.RaisedAt).TotalHours:0.#} hours after it was raised; the caseworker is alerted."),
        // What the volunteer saw is the caseworker's to read on the case, not only a word on the wellbeing.
        DeliveryCompletedReported { ConcernNote: { Length: > 0 } note } delivered => Entry(delivered.CompletedAt, "DeliveryCompleted", delivered.VolunteerId,
            $"Meal delivered on {delivered.Date:yyyy-MM-dd}; the volunteer is concerned: {note}", "concern"),
        DeliveryCompletedReported delivered => Entry(delivered.CompletedAt, "DeliveryCompleted", delivered.VolunteerId,
            $"Meal delivered on {delivered.Date:yyyy-MM-dd}; wellbeing {new LowerName(delivered.Wellbeing)}."),
        DeliveryMissedReported missed => missed.SafetyCheckRequired
            ? Entry(missed.MissedAt, "DeliveryMissed", missed.VolunteerId, $"Meal of {missed.Date:yyyy-MM-dd} missed ({missed.Reason}); safety check required.", "safety-check")
            : Entry(missed.MissedAt, "DeliveryMissed", missed.VolunteerId, $"Meal of {missed.Date:yyyy-MM-dd} missed ({missed.Reason})."),
        DeliverySkippedReported skipped => Entry(skipped.SkippedAt, "DeliverySkipped", null,
            $"The household replied by SMS that it wants no meal on {skipped.Date:yyyy-MM-dd}; the delivery was cancelled."),
        MealSkipsNoticed noticed => Entry(noticed.NoticedAt, "MealSkipsNoticed", null,
            $"The household said no to {noticed.Dates.Count} meals in a row since {noticed.Dates[0]:yyyy-MM-dd}; please find out why."),
        SmsContactAllowed allowed => Entry(allowed.AllowedAt, "SmsContactAllowed", null,
            $"The household may be texted about its meals until {calendar.Today(allowed.ValidUntil):yyyy-MM-dd}."),
        SmsContactEnded ended => Entry(ended.EndedAt, "SmsContactEnded", null, $"No more texts to the household ({ended.Cause})."),
        _ => Entry(e.Timestamp, e.EventType.Name, null, e.EventType.Name),
    };

    /// <summary>An entry; a <paramref name="variant"/> tells apart the summaries of one kind that say different things ("timeline.VisitRecorded.concerns").</summary>
    private static (DateTimeOffset, string, Guid?, Phrase, string) Entry(DateTimeOffset at, string kind, Guid? by, Phrase summary, string? variant = null) =>
        (at, kind, by, summary, variant is null ? $"timeline.{kind}" : $"timeline.{kind}.{variant}");

    private static Phrase CancelReason(ReferralCancelCause? cause) => cause switch
    {
        ReferralCancelCause.OfferWithdrawn => "the provider withdrew the offer",
        ReferralCancelCause.OfferExpired => "the offer expired",
        ReferralCancelCause.NeedWithdrawn => "the need was withdrawn",
        ReferralCancelCause.CaseClosed => "the case was closed",
        _ => "its need or offer went away",
    };
}
