// The rules (DESIGN §3): which integration event tells whom, how urgently, with which template.
// One table, read top to bottom; the template of each row is its rule code (Templates.cs).
using FiveSocieties.Notifications.Recipients;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Notifications.Rules;

/// <summary>How urgent a rule says its notifications are: urgent ones ignore quiet hours and must be acknowledged.</summary>
public enum Urgency { Normal, Urgent }

/// <summary>Who a rule addresses, before the directory turns it into people.</summary>
public abstract record Audience
{
    private Audience() { }

    /// <summary>A person named by the event (a caseworker, a volunteer).</summary>
    public sealed record User(Guid UserId, RecipientKind Kind) : Audience;
    /// <summary>A provider organisation's shared inbox (every user with its provider claim).</summary>
    public sealed record Provider(Guid ProviderId) : Audience;
    /// <summary>The caseworker the directory holds for a case (the event does not name them).</summary>
    public sealed record CaseworkerOf(Guid CaseId) : Audience;
    /// <summary>Every supervisor of a station (learned from their preferences).</summary>
    public sealed record SupervisorsOf(Guid StationId) : Audience;

    /// <summary>The station's coordinators: who plans its deliveries.</summary>
    public sealed record CoordinatorsOf(Guid StationId) : Audience;
}

public enum Batching { Immediately, DailyDigest }

/// <summary>
/// One notification a rule asks for, before the directory resolves the audience. An urgent one
/// belongs to an alarm (<see cref="AlarmId"/>), whose next level is told at <see cref="AcknowledgeBy"/>
/// unless someone acknowledges first.
/// </summary>
public sealed record NotificationIntent(
    string Rule, Audience To, Urgency Urgency, Batching Batching, Guid SourceEventId, Guid? StationId, Guid? CaseId,
    IReadOnlyDictionary<string, string> Parameters, Guid? AlarmId = null, DateTimeOffset? AcknowledgeBy = null);

public sealed record Addressed(Audience To, Guid? StationId, Guid? CaseId, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A row of the table: on <see cref="EventType"/> (when <c>when</c> holds) → audience, urgency, template.</summary>
public sealed record RuleRow(Type EventType, string Rule, Urgency Urgency, Batching Batching, Func<object, bool> When,
    Func<object, IEnumerable<Addressed>> Address)
{
    public IEnumerable<NotificationIntent> IntentsFor(object message, Guid sourceEventId) =>
        When(message)
            ? Address(message).Select(a => new NotificationIntent(Rule, a.To, Urgency, Batching, sourceEventId, a.StationId, a.CaseId, a.Parameters))
            : [];
}

public static class NotificationRules
{
    public const string Escalation = "escalation";
    public const string NeedUnmatched = "need-unmatched.urgent";

    public static readonly IReadOnlyList<RuleRow> Table =
    [
        // Flow C: a new resource fits open needs → each caseworker once, naming the resource, provider and their cases.
        On<V1.ResourceMatchedToNeeds>("resource-matched", Urgency.Normal, e => e.Caseworkers
            .GroupBy(c => c.CaseworkerId)
            .Select(c => new Addressed(new Audience.User(c.Key, RecipientKind.Caseworker), c.First().StationId, null, P(
                ("resource", e.Title), ("provider", e.ProviderName), ("category", e.Category.ToString()), ("offerId", e.OfferId.ToString()),
                ("cases", string.Join(", ", c.SelectMany(x => x.Needs).Select(n => n.CaseId).Distinct())),
                ("caseCount", c.SelectMany(x => x.Needs).Select(n => n.CaseId).Distinct().Count().ToString()))))),

        // Flow A: the referral loop.
        On<V1.ReferralProposed>("referral-proposed.approve", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId, Referral(e.ReferralId, e.OfferTitle, e.ProviderName, e.RespondBy))]),
        // The provider hears of a referral once the caseworker approved it: a proposal is only the station's,
        // and the provider could not accept it yet.
        On<V1.ReferralApproved>("referral-approved.accept", Urgency.Normal, e =>
            [new(new Audience.Provider(e.ProviderId), e.StationId, null, P(
                ("referralId", e.ReferralId.ToString()), ("resource", e.OfferTitle), ("respondBy", RespondBy(e.RespondBy))))]),
        On<V1.ReferralAccepted>("referral-accepted", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId,
                P(("referralId", e.ReferralId.ToString()), ("provider", e.ProviderName), ("category", e.Category.ToString())))]),
        On<V1.ReferralDeclined>("referral-declined", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId,
                P(("referralId", e.ReferralId.ToString()), ("declinedBy", e.DeclinedBy.ToString()), ("reason", e.Reason.ToString())))]),
        On<V1.ReferralExpired>("referral-expired", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId,
                P(("referralId", e.ReferralId.ToString()), ("step", e.ExpiredAt.ToString())))]),
        // Only when the provider's side went away: a withdrawn need or a closed case was the caseworker's own doing.
        On<V1.ReferralCancelled>("referral-cancelled", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId,
                P(("referralId", e.ReferralId.ToString()), ("step", e.CancelledAt.ToString()), ("cause", e.Cause.ToString())))],
            when: e => e.Cause is V1.ReferralCancelCause.OfferWithdrawn or V1.ReferralCancelCause.OfferExpired),

        // Flow B: volunteers and deliveries.
        On<V1.VolunteerDispatched>("volunteer-dispatched", Urgency.Normal, e =>
            [new(new Audience.User(e.VolunteerId, RecipientKind.Volunteer), e.StationId, null,
                P(("taskId", e.TaskId.ToString()), ("kind", e.Kind.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")),
                  ("window", $"{e.WindowFrom:HH\\:mm}–{e.WindowTo:HH\\:mm}"), ("respondBy", e.RespondBy.ToString("yyyy-MM-dd HH:mm zzz"))))]),
        On<V1.VolunteerTaskReassigned>("task-reassigned", Urgency.Normal, e =>
            [new(new Audience.User(e.VolunteerId, RecipientKind.Volunteer), e.StationId, null,
                P(("taskId", e.TaskId.ToString()), ("kind", e.Kind.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")),
                  ("window", $"{e.WindowFrom:HH\\:mm}–{e.WindowTo:HH\\:mm}")))]),
        On<V1.DeliveryReminderDue>("delivery-reminder", Urgency.Normal, e =>
            [new(new Audience.User(e.VolunteerId, RecipientKind.Volunteer), e.StationId, null,
                P(("taskId", e.TaskId.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")), ("window", $"{e.WindowFrom:HH\\:mm}–{e.WindowTo:HH\\:mm}")))]),
        // The household said by SMS it wants no meal tomorrow: the volunteer need not go, the coordinators see the gap.
        On<V1.DeliverySkippedByRecipient>("delivery-skipped.volunteer", Urgency.Normal, e =>
            [new(new Audience.User(e.VolunteerId!.Value, RecipientKind.Volunteer), e.StationId, null, Skipped(e))],
            when: e => e.VolunteerId is not null),
        On<V1.DeliverySkippedByRecipient>("delivery-skipped", Urgency.Normal, e =>
            [new(new Audience.CoordinatorsOf(e.StationId), e.StationId, e.CaseId, Skipped(e))]),
        // Several skips in a row: the household may be ill, away or unhappy with the canteen; its caseworker finds out which.
        On<V1.MealSkipsNoticed>("meal-skips", Urgency.Normal, e =>
            [new(new Audience.CaseworkerOf(e.CaseId), e.StationId, e.CaseId,
                P(("count", e.SkippedInARow.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("since", e.FirstSkipped.ToString("yyyy-MM-dd"))))]),
        On<V1.DeliveryMissed>("delivery-missed.lives-alone", Urgency.Urgent, e => [Missed(e)], when: e => e.LivesAlone),
        On<V1.DeliveryMissed>("delivery-missed", Urgency.Normal, e => [Missed(e)], when: e => !e.LivesAlone),
        // The meal arrived but the volunteer was worried by what they saw: the case's caseworker reads it on
        // the case (the note stays there, out of e-mails and webhooks).
        On<V1.DeliveryCompleted>("delivery-concern", Urgency.Normal, e =>
            [new(new Audience.CaseworkerOf(e.CaseId), e.StationId, e.CaseId,
                P(("deliveryId", e.DeliveryId.ToString()), ("date", e.Date.ToString("yyyy-MM-dd"))))],
            when: e => e.Wellbeing == V1.Wellbeing.Concern),
        // An urgent need nobody could match in time: the caseworker first, then up the chain.
        On<V1.UrgentNeedUnmatched>(NeedUnmatched, Urgency.Urgent, e =>
            [new(new Audience.CaseworkerOf(e.CaseId), e.StationId, e.CaseId,
                P(("needId", e.NeedId.ToString()), ("category", e.Category.ToString()), ("raisedAt", e.RaisedAt.ToString("yyyy-MM-dd HH:mm zzz"))))]),
        On<V1.DispatchFailed>("dispatch-failed", Urgency.Urgent, e =>
            [new(new Audience.SupervisorsOf(e.StationId), e.StationId, e.CaseId,
                P(("taskId", e.TaskId.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")), ("reason", e.Reason.ToString())))]),

        // Break-the-glass: another station's supervisor opened one of this station's case files.
        On<V1.CaseFileOpenedByBreakGlass>("case-break-glass", Urgency.Normal, e =>
            [new(new Audience.SupervisorsOf(e.StationId), e.StationId, e.CaseId, P(("supervisorId", e.SupervisorId.ToString())))]),
        On<V1.HouseholdOpenedByBreakGlass>("household-break-glass", Urgency.Normal, e =>
            [new(new Audience.SupervisorsOf(e.StationId), e.StationId, null,
                P(("supervisorId", e.SupervisorId.ToString()), ("householdId", e.HouseholdId.ToString())))]),

        // Overdue visits are gathered: one message per caseworker per day listing the cases.
        On<V1.VisitOverdue>("visit-overdue.digest", Urgency.Normal, e =>
            [new(new Audience.User(e.CaseworkerId, RecipientKind.Caseworker), e.StationId, e.CaseId,
                P(("dueOn", e.DueOn.ToString("yyyy-MM-dd"))))], batching: Batching.DailyDigest),
    ];

    /// <summary>The rules whose notifications are urgent alarms, each with its escalation chain.</summary>
    public static IReadOnlyList<string> UrgentRules { get; } = Table.Where(r => r.Urgency == Urgency.Urgent).Select(r => r.Rule).Distinct().ToList();

    /// <summary>The event types some row listens to: one consumer each.</summary>
    public static IReadOnlyList<Type> SourceEventTypes { get; } = Table.Select(r => r.EventType).Distinct().ToList();

    public static IReadOnlyList<NotificationIntent> For(object message, Guid sourceEventId) =>
        Table.Where(r => r.EventType == message.GetType()).SelectMany(r => r.IntentsFor(message, sourceEventId)).ToList();

    private static RuleRow On<T>(string rule, Urgency urgency, Func<T, IEnumerable<Addressed>> address, Func<T, bool>? when = null,
        Batching batching = Batching.Immediately) =>
        new(typeof(T), rule, urgency, batching, m => when?.Invoke((T)m) ?? true, m => address((T)m));

    private static IReadOnlyDictionary<string, string> Skipped(V1.DeliverySkippedByRecipient e) =>
        P(("taskId", e.TaskId.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")), ("window", $"{e.WindowFrom:HH\\:mm}–{e.WindowTo:HH\\:mm}"));

    private static Addressed Missed(V1.DeliveryMissed e) =>
        new(new Audience.CaseworkerOf(e.CaseId), e.StationId, e.CaseId,
            P(("deliveryId", e.DeliveryId.ToString()), ("date", e.Date.ToString("yyyy-MM-dd")), ("reason", e.Reason.ToString())));

    private static IReadOnlyDictionary<string, string> Referral(Guid referralId, string offer, string provider, DateTimeOffset respondBy) =>
        P(("referralId", referralId.ToString()), ("resource", offer), ("provider", provider), ("respondBy", RespondBy(respondBy)));

    private static string RespondBy(DateTimeOffset respondBy) => respondBy.ToString("yyyy-MM-dd HH:mm zzz");

    private static IReadOnlyDictionary<string, string> P(params (string Key, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Key, p => p.Value);
}
