// What the other services report about a case (Matching's referrals, Volunteers' deliveries and
// visits) as it enters the case file: always on the timeline, and moving the need or the visit
// rhythm where it should. Total: a report never fails on the case's state (a late report on a
// closed case is still history), so consumers never park a message for a domain reason.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

public enum ReferralStage { Proposed, Approved, Accepted, Declined, Expired, Completed, Cancelled }

/// <summary>
/// A step of a referral as Matching reported it. <see cref="Outcome"/> comes with Completed;
/// <see cref="CancelCause"/> and <see cref="CancelledAt"/> with Cancelled (why, and at which step of the loop).
/// </summary>
public sealed record ReferralReported(
    Guid CaseId, Guid NeedId, Guid ReferralId, ReferralStage Stage, Guid ProviderId, Guid OfferId, DateTimeOffset OccurredAt,
    ReferralOutcome? Outcome = null, ReferralCancelCause? CancelCause = null, ReferralStep? CancelledAt = null);

/// <summary>A meal reached the client: a volunteer saw them, so it counts as a visit.</summary>
public sealed record DeliveryCompletedReported(
    Guid CaseId, Guid DeliveryId, Guid VolunteerId, DateOnly Date, Wellbeing Wellbeing, string? ConcernNote, DateTimeOffset CompletedAt);

/// <summary>
/// A meal did not reach the client. For a client who lives alone the case needs a safety check:
/// a caseworker's visit, and nothing less, clears it.
/// </summary>
public sealed record DeliveryMissedReported(
    Guid CaseId, Guid DeliveryId, Guid? VolunteerId, DateOnly Date, MissReason Reason, bool SafetyCheckRequired, DateTimeOffset MissedAt);

/// <summary>The household answered the evening-before SMS that it wants no meal on <see cref="Date"/> (Volunteers cancelled it).</summary>
public sealed record DeliverySkippedReported(Guid CaseId, Guid DeliveryId, DateOnly Date, DateTimeOffset SkippedAt);

/// <summary>The skips reached <see cref="MealSkipRun.Signal"/> in a row: a signal on the case until a meal is taken or the caseworker visits.</summary>
public sealed record MealSkipsNoticed(Guid CaseId, Guid StationId, IReadOnlyList<DateOnly> Dates, DateTimeOffset NoticedAt);

public sealed record ReportReferral(ReferralReported Report);
public sealed record ReportDeliveryCompleted(DeliveryCompletedReported Report);
public sealed record ReportVolunteerVisit(VisitRecorded Visit);
public sealed record ReportDeliverySkipped(Guid CaseId, Guid DeliveryId, DateOnly Date, DateTimeOffset At);
public sealed record ReportDeliveryMissed(Guid CaseId, Guid DeliveryId, Guid? VolunteerId, DateOnly Date, MissReason Reason, bool LivesAlone, DateTimeOffset At);

public static partial class CaseDecider
{
    public static IReadOnlyList<object> Decide(Case state, ReportReferral command)
    {
        var r = command.Report;
        var need = state.Needs.FirstOrDefault(n => n.Id == r.NeedId);
        IEnumerable<object> effect = (r.Stage, need?.Status) switch
        {
            (ReferralStage.Accepted, NeedStatus.Open) => [new NeedMatched(state.Id, r.NeedId, r.ReferralId, r.OccurredAt)],
            (ReferralStage.Declined or ReferralStage.Expired, NeedStatus.Matched) when need!.ReferralId == r.ReferralId =>
                [new NeedReopened(state.Id, r.NeedId, r.ReferralId, r.Stage, r.OccurredAt)],
            // The provider withdrew the offer, or it expired: Matching proposes the next candidate, so the need is open again.
            // A cancellation for a withdrawn need or a closed case follows Cases' own decision, which has already ended the need.
            (ReferralStage.Cancelled, NeedStatus.Matched) when r.CancelCause is ReferralCancelCause.OfferWithdrawn or ReferralCancelCause.OfferExpired
                                                               && need!.ReferralId == r.ReferralId =>
                [new NeedReopened(state.Id, r.NeedId, r.ReferralId, r.Stage, r.OccurredAt)],
            // A service that ended without meeting the need sends it back to matching, as a decline would.
            (ReferralStage.Completed, NeedStatus.Matched) when r.Outcome == ReferralOutcome.NotFulfilled && need!.ReferralId == r.ReferralId =>
                [new NeedReopened(state.Id, r.NeedId, r.ReferralId, r.Stage, r.OccurredAt)],
            (ReferralStage.Completed, NeedStatus.Open or NeedStatus.Matched) when r.Outcome != ReferralOutcome.NotFulfilled =>
                [new NeedFulfilled(state.Id, r.NeedId, r.ReferralId, r.OccurredAt)],
            _ => [],
        };
        return [r, .. effect];
    }

    public static IReadOnlyList<object> Decide(Case state, ReportDeliveryCompleted command) => [command.Report];

    /// <summary>A volunteer's companionship visit is a visit like a caseworker's, except that it does not answer a safety check.</summary>
    public static IReadOnlyList<object> Decide(Case state, ReportVolunteerVisit command) =>
        state.Visits.Any(v => v.Id == command.Visit.VisitId) ? [] : [command.Visit];

    /// <summary>Each skip goes on the timeline; the one that makes the run long enough raises the signal, once per run.</summary>
    public static IReadOnlyList<object> Decide(Case state, ReportDeliverySkipped command)
    {
        if (state.MealSkips.Any(s => s.DeliveryId == command.DeliveryId)) return [];
        var reported = new DeliverySkippedReported(state.Id, command.DeliveryId, command.Date, command.At);
        var run = MealSkipRun.With(state.MealsSkippedInARow, state.LastMealTakenOn, command.Date);
        return state.MealSkipsNoticedAt is null && run.Count >= MealSkipRun.Signal && state.Status != CaseStatus.Closed
            ? [reported, new MealSkipsNoticed(state.Id, state.StationId, run, command.At)]
            : [reported];
    }

    public static IReadOnlyList<object> Decide(Case state, ReportDeliveryMissed command) =>
    [
        new DeliveryMissedReported(state.Id, command.DeliveryId, command.VolunteerId, command.Date, command.Reason,
            command.LivesAlone || state.Categories.Contains(ClientCategory.LivesAlone), command.At),
    ];
}
