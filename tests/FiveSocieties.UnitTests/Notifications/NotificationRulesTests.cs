using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.UnitTests.Notifications;

/// <summary>The rules table, row by row: source event → recipients, urgency, template.</summary>
public sealed class NotificationRulesTests
{
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Guid Caseworker = Guid.NewGuid();
    private static readonly Guid OtherCaseworker = Guid.NewGuid();
    private static readonly Guid Provider = Guid.NewGuid();
    private static readonly Guid Volunteer = Guid.NewGuid();
    private static readonly Guid Case = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8));

    public sealed record Expected(string Rule, Audience To, Urgency Urgency, Batching Batching = Batching.Immediately);

    public static TheoryData<string, object, Expected[]> Rows() => new()
    {
        { "referral proposed: the caseworker approves (the provider is not told yet)", ReferralProposed(), [
            new("referral-proposed.approve", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral approved: the provider accepts", new V1.ReferralApproved(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station,
            Caseworker, Guid.NewGuid(), Provider, "午餐配送", V1.NeedCategory.MealDelivery, Now.AddDays(1)), [
            new("referral-approved.accept", new Audience.Provider(Provider), Urgency.Normal)] },
        { "referral accepted: caseworker", new V1.ReferralAccepted(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker,
            Guid.NewGuid(), Provider, "长者食堂", V1.NeedCategory.MealDelivery, null, null), [
            new("referral-accepted", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral declined: caseworker", new V1.ReferralDeclined(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker,
            Guid.NewGuid(), Provider, V1.ReferralDeclinedBy.Provider, V1.ReferralDeclineReason.NoCapacity), [
            new("referral-declined", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral expired: caseworker", new V1.ReferralExpired(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker,
            Guid.NewGuid(), Provider, V1.ReferralStep.AwaitingAcceptance), [
            new("referral-expired", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral cancelled, offer withdrawn: caseworker", Cancelled(V1.ReferralCancelCause.OfferWithdrawn), [
            new("referral-cancelled", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral cancelled, offer expired: caseworker", Cancelled(V1.ReferralCancelCause.OfferExpired), [
            new("referral-cancelled", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal)] },
        { "referral cancelled, need withdrawn: nobody (the caseworker did it)", Cancelled(V1.ReferralCancelCause.NeedWithdrawn), [] },
        { "referral cancelled, case closed: nobody (the caseworker did it)", Cancelled(V1.ReferralCancelCause.CaseClosed), [] },
        { "volunteer dispatched: the volunteer", new V1.VolunteerDispatched(Guid.NewGuid(), Now, Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery,
            Volunteer, Station, Case, new DateOnly(2026, 11, 30), new TimeOnly(11, 0), new TimeOnly(12, 0), 1, Now.AddHours(2)), [
            new("volunteer-dispatched", new Audience.User(Volunteer, RecipientKind.Volunteer), Urgency.Normal)] },
        { "task taken from a volunteer: that volunteer", new V1.VolunteerTaskReassigned(Guid.NewGuid(), Now, Guid.NewGuid(),
            V1.VolunteerTaskKind.MealDelivery, Volunteer, Station, new DateOnly(2026, 11, 30), new TimeOnly(11, 0), new TimeOnly(12, 0)), [
            new("task-reassigned", new Audience.User(Volunteer, RecipientKind.Volunteer), Urgency.Normal)] },
        { "the household skipped an accepted meal: its volunteer and the station's coordinators", new V1.DeliverySkippedByRecipient(Guid.NewGuid(), Now,
            Guid.NewGuid(), Case, Station, Volunteer, new DateOnly(2026, 11, 30), new TimeOnly(11, 0), new TimeOnly(12, 0)), [
            new("delivery-skipped.volunteer", new Audience.User(Volunteer, RecipientKind.Volunteer), Urgency.Normal),
            new("delivery-skipped", new Audience.CoordinatorsOf(Station), Urgency.Normal)] },
        { "the household skipped a meal nobody held: the station's coordinators", new V1.DeliverySkippedByRecipient(Guid.NewGuid(), Now,
            Guid.NewGuid(), Case, Station, null, new DateOnly(2026, 11, 30), new TimeOnly(11, 0), new TimeOnly(12, 0)), [
            new("delivery-skipped", new Audience.CoordinatorsOf(Station), Urgency.Normal)] },
        { "meals skipped in a row: the case's caseworker", new V1.MealSkipsNoticed(Guid.NewGuid(), Now, Case, Station, 3,
            new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30)), [
            new("meal-skips", new Audience.CaseworkerOf(Case), Urgency.Normal)] },
        { "reminder the day before: the volunteer", new V1.DeliveryReminderDue(Guid.NewGuid(), Now, Guid.NewGuid(), V1.VolunteerTaskKind.MealDelivery,
            Volunteer, Station, new DateOnly(2026, 11, 30), new TimeOnly(11, 0), new TimeOnly(12, 0)), [
            new("delivery-reminder", new Audience.User(Volunteer, RecipientKind.Volunteer), Urgency.Normal)] },
        { "missed delivery, lives alone: the case's caseworker, urgent", Missed(livesAlone: true), [
            new("delivery-missed.lives-alone", new Audience.CaseworkerOf(Case), Urgency.Urgent)] },
        { "meal delivered with a concern: the case's caseworker", Delivered(V1.Wellbeing.Concern, "咳嗽得厉害"), [
            new("delivery-concern", new Audience.CaseworkerOf(Case), Urgency.Normal)] },
        { "meal delivered, all fine: nobody", Delivered(V1.Wellbeing.Fine, null), [] },
        { "missed delivery, not alone: the case's caseworker, normal", Missed(livesAlone: false), [
            new("delivery-missed", new Audience.CaseworkerOf(Case), Urgency.Normal)] },
        { "dispatch failed: the station's supervisors, urgent", new V1.DispatchFailed(Guid.NewGuid(), Now, Guid.NewGuid(),
            V1.VolunteerTaskKind.MealDelivery, Station, Case, new DateOnly(2026, 11, 30), V1.DispatchFailureReason.AllVolunteersDeclined), [
            new("dispatch-failed", new Audience.SupervisorsOf(Station), Urgency.Urgent)] },
        { "visit overdue: the caseworker's daily digest", new V1.VisitOverdue(Guid.NewGuid(), Now, Case, Station, Caseworker, new DateOnly(2026, 11, 28)), [
            new("visit-overdue.digest", new Audience.User(Caseworker, RecipientKind.Caseworker), Urgency.Normal, Batching.DailyDigest)] },
        { "break-the-glass on a case file: the station's supervisors", new V1.CaseFileOpenedByBreakGlass(Guid.NewGuid(), Now, Case, Station, Guid.NewGuid()), [
            new("case-break-glass", new Audience.SupervisorsOf(Station), Urgency.Normal)] },
        { "break-the-glass on a household: the station's supervisors", new V1.HouseholdOpenedByBreakGlass(Guid.NewGuid(), Now, Guid.NewGuid(), Station, Guid.NewGuid()), [
            new("household-break-glass", new Audience.SupervisorsOf(Station), Urgency.Normal)] },
        { "a case closing tells nobody", new V1.CaseClosed(Guid.NewGuid(), Now, Case, Station), [] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_source_event_tells_the_right_people_with_the_right_urgency(string row, object message, Expected[] expected)
    {
        var eventId = Guid.NewGuid();
        var intents = NotificationRules.For(message, eventId);
        intents.Select(i => new Expected(i.Rule, i.To, i.Urgency, i.Batching)).ShouldBe(expected, row);
        intents.ShouldAllBe(i => i.SourceEventId == eventId);
        // A digest row's message is the digest's (it lists the day's cases), rendered when it goes out.
        foreach (var intent in intents.Where(i => i.Batching == Batching.Immediately))
        {
            Templates.ByRule.ShouldContainKey(intent.Rule);
            foreach (var language in Preferences.Languages)
            {
                var text = Templates.Render(intent.Rule, language, intent.Parameters);
                text.Title.ShouldNotContain("{", customMessage: $"{row}: {language} title has an unfilled placeholder");
                text.Body.ShouldNotContain("{", customMessage: $"{row}: {language} body has an unfilled placeholder: {text.Body}");
            }
        }
    }

    [Fact]
    public void A_matched_resource_tells_each_caseworker_once_naming_the_resource_the_provider_and_their_cases()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var matched = new V1.ResourceMatchedToNeeds(Guid.NewGuid(), Now, Guid.NewGuid(), Provider, "广灵县爱心助学会", "一对一课业辅导",
            V1.NeedCategory.Tutoring,
        [
            new V1.MatchedCaseworker(Caseworker, Station, [new V1.MatchedNeed(Guid.NewGuid(), a, 0.9), new V1.MatchedNeed(Guid.NewGuid(), b, 0.8)]),
            new V1.MatchedCaseworker(OtherCaseworker, Station, [new V1.MatchedNeed(Guid.NewGuid(), c, 0.7)]),
        ]);

        var intents = NotificationRules.For(matched, matched.EventId);

        intents.Select(i => i.To).ShouldBe([new Audience.User(Caseworker, RecipientKind.Caseworker), new Audience.User(OtherCaseworker, RecipientKind.Caseworker)]);
        var first = Templates.Render(intents[0].Rule, Preferences.English, intents[0].Parameters);
        first.Body.ShouldContain("一对一课业辅导");
        first.Body.ShouldContain("广灵县爱心助学会");
        first.Body.ShouldContain(a.ToString());
        first.Body.ShouldContain(b.ToString());
        first.Body.ShouldNotContain(c.ToString());
        Templates.Render(intents[0].Rule, Preferences.Chinese, intents[0].Parameters).Title.ShouldBe("新资源匹配：一对一课业辅导");
    }

    [Fact]
    public void Every_rule_of_the_table_has_a_template_in_both_languages_and_actions_where_someone_must_act()
    {
        foreach (var row in NotificationRules.Table)
        {
            var template = Templates.ByRule[row.Rule];
            new[] { template.ZhTitle, template.ZhBody, template.EnTitle, template.EnBody }.ShouldAllBe(t => t.Length > 0);
        }
        Templates.ByRule["referral-proposed.approve"].Actions.ShouldBe(["approve", "decline"]);
        Templates.ByRule["referral-approved.accept"].Actions.ShouldBe(["accept", "decline"]);
        Templates.ByRule["volunteer-dispatched"].Actions.ShouldBe(["accept", "decline"]);
        Templates.ByRule["delivery-missed.lives-alone"].Actions.ShouldContain("acknowledge");
    }

    private static V1.ReferralProposed ReferralProposed() =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker, Guid.NewGuid(), Provider, "平城区长者食堂", "午餐配送",
            V1.NeedCategory.MealDelivery, 0.92, ["distance 1.2 km"], Now.AddDays(2));

    private static V1.ReferralCancelled Cancelled(V1.ReferralCancelCause cause) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), Case, Station, Caseworker, Guid.NewGuid(), Provider, V1.ReferralStep.Accepted, cause);

    private static V1.DeliveryCompleted Delivered(V1.Wellbeing wellbeing, string? note) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Case, Station, Volunteer, new DateOnly(2026, 11, 29), wellbeing, note);

    private static V1.DeliveryMissed Missed(bool livesAlone) =>
        new(Guid.NewGuid(), Now, Guid.NewGuid(), Case, Station, Volunteer, new DateOnly(2026, 11, 29), V1.MissReason.NoAnswerAtDoor, livesAlone);
}
