using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Notifications.Digest;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class NotificationDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Hook = Guid.NewGuid();

    private static NotificationCreated Created(Urgency urgency = Urgency.Normal, params PlannedDelivery[] planned) =>
        new(Guid.NewGuid(), Guid.NewGuid(), RecipientKind.Caseworker, "delivery-missed", urgency, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            new Dictionary<string, string>(), planned, urgency == Urgency.Urgent ? Now.AddMinutes(30) : null, Now);

    private static Notification Given(params object[] events)
    {
        var created = (NotificationCreated)events[0];
        var state = Notification.Create(created);
        for (var i = 1; i < events.Length; i++)
            state = (events[i] switch
            {
                DeliveryAttempted e => state.Apply(e),
                NotificationDelivered e => state.Apply(e),
                DeliveryDeadLettered e => state.Apply(e),
                NotificationRead e => state.Apply(e),
                NotificationAcknowledged e => state.Apply(e),
                NotificationEscalated e => state.Apply(e),
                _ => throw new ArgumentException(events[i].GetType().Name),
            }) with { Version = i + 1 }; // as Marten sets it after each event
        return state;
    }

    [Fact]
    public void The_same_source_event_recipient_and_rule_always_give_the_same_id_and_any_difference_another()
    {
        var (source, recipient) = (Guid.NewGuid(), Guid.NewGuid());
        NotificationIds.For(source, recipient, "r").ShouldBe(NotificationIds.For(source, recipient, "r"));
        NotificationIds.For(source, recipient, "r").ShouldNotBe(NotificationIds.For(source, recipient, "s"));
        NotificationIds.For(source, recipient, "r").ShouldNotBe(NotificationIds.For(source, Guid.NewGuid(), "r"));
        NotificationIds.For(source, recipient, "r").ShouldNotBe(NotificationIds.For(Guid.NewGuid(), recipient, "r"));
    }

    [Fact]
    public void Creating_is_the_delivery_to_the_inbox_and_a_second_creation_changes_nothing()
    {
        var created = Created();
        NotificationDecider.Decide(null, new CreateNotification(created)).ShouldBe([created]);
        Given(created).DeliveredOn.ShouldBe([Channel.InApp]);
        NotificationDecider.Decide(Given(created), new CreateNotification(created)).ShouldBeEmpty();
    }

    [Fact]
    public void A_stream_written_with_the_former_in_app_attempt_and_delivery_folds_to_the_same_state()
    {
        var created = Created(Urgency.Normal, new PlannedDelivery(Channel.Webhook, Hook, Now));
        var former = Given(created, new DeliveryAttempted(Channel.InApp, null, AttemptOutcome.Delivered, 1, null, Now),
            new NotificationDelivered(Channel.InApp, null, Now));
        // As the document the store keeps: the same but for the stream's version.
        System.Text.Json.JsonSerializer.Serialize(former with { Version = 1 }).ShouldBe(System.Text.Json.JsonSerializer.Serialize(Given(created)));
    }

    [Fact]
    public void A_webhook_delivery_is_attempted_then_delivered_or_dead_lettered_and_an_open_circuit_waits()
    {
        var state = Given(Created(Urgency.Normal, new PlannedDelivery(Channel.Webhook, Hook, Now)));
        NotificationDecider.Decide(state, new RecordAttempt(Channel.Webhook, Hook, AttemptOutcome.Delivered, 2, "HTTP 200", Now, null))
            .ShouldBe([new DeliveryAttempted(Channel.Webhook, Hook, AttemptOutcome.Delivered, 2, "HTTP 200", Now), new NotificationDelivered(Channel.Webhook, Hook, Now)]);
        NotificationDecider.Decide(state, new RecordAttempt(Channel.Webhook, Hook, AttemptOutcome.Failed, 5, "HTTP 500 after 5 tries", Now, null))
            .ShouldBe([new DeliveryAttempted(Channel.Webhook, Hook, AttemptOutcome.Failed, 5, "HTTP 500 after 5 tries", Now),
                new DeliveryDeadLettered(Channel.Webhook, Hook, "HTTP 500 after 5 tries", Now)]);
        var retryAt = Now.AddSeconds(30);
        var open = new DeliveryAttempted(Channel.Webhook, Hook, AttemptOutcome.CircuitOpen, 0, "circuit open", Now, retryAt);
        NotificationDecider.Decide(state, new RecordAttempt(Channel.Webhook, Hook, AttemptOutcome.CircuitOpen, 0, "circuit open", Now, retryAt))
            .ShouldBe([open]);
        Given(Created(Urgency.Normal, new PlannedDelivery(Channel.Webhook, Hook, Now)), open).NextDeliveryAt.ShouldBe(retryAt);
    }

    [Fact]
    public void A_delivery_already_recorded_is_not_recorded_again()
    {
        var created = Created(Urgency.Normal, new PlannedDelivery(Channel.Webhook, Hook, Now));
        var delivered = Given(created, new DeliveryAttempted(Channel.Webhook, Hook, AttemptOutcome.Delivered, 1, null, Now),
            new NotificationDelivered(Channel.Webhook, Hook, Now));
        delivered.NextDeliveryAt.ShouldBeNull();
        NotificationDecider.Decide(delivered, new RecordAttempt(Channel.Webhook, Hook, AttemptOutcome.Delivered, 1, null, Now, null)).ShouldBeEmpty();
    }

    [Fact]
    public void Only_urgent_notifications_are_acknowledged_and_once()
    {
        var by = Guid.NewGuid();
        Should.Throw<DomainRuleViolation>(() => NotificationDecider.Decide(Given(Created()), new Acknowledge(by, Now)))
            .Code.ShouldBe("notification.not-urgent");
        NotificationDecider.Decide(Given(Created(Urgency.Urgent)), new Acknowledge(by, Now)).ShouldBe([new NotificationAcknowledged(by, Now)]);
        NotificationDecider.Decide(Given(Created(Urgency.Urgent), new NotificationAcknowledged(by, Now)), new Acknowledge(by, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void Reading_twice_records_it_once()
    {
        var by = Guid.NewGuid();
        NotificationDecider.Decide(Given(Created()), new MarkRead(by, Now)).ShouldBe([new NotificationRead(by, Now)]);
        NotificationDecider.Decide(Given(Created(), new NotificationRead(by, Now)), new MarkRead(by, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void An_urgent_notification_is_marked_escalated_only_unacknowledged_and_only_once()
    {
        // When is its alarm's to decide (AlarmDeciderTests); the notification records that it went on.
        var supervisors = new[] { Guid.NewGuid() };
        var urgent = Given(Created(Urgency.Urgent));
        NotificationDecider.Decide(urgent, new Escalate(supervisors, Now.AddMinutes(30))).ShouldBe([new NotificationEscalated(supervisors, Now.AddMinutes(30))]);
        NotificationDecider.Decide(Given(Created(Urgency.Urgent), new NotificationAcknowledged(Guid.NewGuid(), Now)), new Escalate(supervisors, Now.AddHours(1)))
            .ShouldBeEmpty();
        NotificationDecider.Decide(Given(Created(Urgency.Urgent), new NotificationEscalated(supervisors, Now.AddMinutes(30))),
            new Escalate(supervisors, Now.AddHours(1))).ShouldBeEmpty();
        NotificationDecider.Decide(Given(Created()), new Escalate(supervisors, Now.AddHours(1))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("23:30", "22:00", "07:00", "07:00", 1)] // inside a window across midnight: waits for its end, next morning
    [InlineData("03:00", "22:00", "07:00", "07:00", 0)]
    [InlineData("12:00", "22:00", "07:00", "12:00", 0)] // outside: at once
    [InlineData("13:00", "12:00", "14:00", "14:00", 0)] // a window within one day
    public void Non_urgent_external_deliveries_wait_for_the_end_of_quiet_hours(string localNow, string from, string to, string expectedLocal, int days)
    {
        var preferences = Preferences.Default with { QuietFrom = TimeOnly.Parse(from), QuietTo = TimeOnly.Parse(to) };
        var now = new DateTimeOffset(new DateOnly(2026, 11, 29).ToDateTime(TimeOnly.Parse(localNow)), TimeSpan.FromHours(8));
        var expected = new DateTimeOffset(new DateOnly(2026, 11, 29).AddDays(days).ToDateTime(TimeOnly.Parse(expectedLocal)), TimeSpan.FromHours(8));
        QuietHours.NotBefore(preferences, Urgency.Normal, now).ShouldBe(expected);
        QuietHours.NotBefore(preferences, Urgency.Urgent, now).ShouldBe(now);
    }

    [Fact]
    public void Overdue_visits_join_today_s_digest_before_it_goes_out_and_tomorrow_s_after_each_case_once()
    {
        var at = new TimeOnly(8, 0);
        var (day, sendAt) = VisitDigest.DayFor(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.FromHours(8)), at, "Asia/Shanghai");
        day.ShouldBe(new DateOnly(2026, 11, 29));
        sendAt.ShouldBe(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(8)));
        VisitDigest.DayFor(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8)), at, "Asia/Shanghai").Day.ShouldBe(new DateOnly(2026, 11, 30));

        var caseworker = Guid.NewGuid();
        var caseId = Guid.NewGuid();
        var id = VisitDigest.IdFor(caseworker, day);
        var note = new NoteOverdueVisit(id, caseworker, Guid.NewGuid(), day, sendAt, caseId, new DateOnly(2026, 11, 28));
        var first = VisitDigestDecider.Decide(null, note);
        first.Count.ShouldBe(1);
        var digest = VisitDigest.Create((OverdueVisitNoted)first[0]);
        VisitDigestDecider.Decide(digest, note).ShouldBeEmpty();
        VisitDigestDecider.Decide(digest, new SendDigest(Guid.NewGuid(), sendAt.AddMinutes(-1))).ShouldBeEmpty();
        VisitDigestDecider.Decide(digest, new SendDigest(Guid.NewGuid(), sendAt)).Count.ShouldBe(1);
    }

    [Fact]
    public void Overdue_visits_noted_together_list_each_case_once_whether_already_listed_or_repeated_among_them()
    {
        var (caseworker, station, day) = (Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 11, 29));
        var id = VisitDigest.IdFor(caseworker, day);
        var sendAt = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        NoteOverdueVisit Note(Guid caseId) => new(id, caseworker, station, day, sendAt, caseId, new DateOnly(2026, 11, 27));

        // As one group commit hands them over: a, b and a repeat of a, for a digest not yet stored.
        VisitDigestDecider.Decide(null, [Note(a), Note(b), Note(a)]).Cast<OverdueVisitNoted>().Select(e => e.CaseId).ShouldBe([a, b]);

        var digest = VisitDigest.Create((OverdueVisitNoted)VisitDigestDecider.Decide(null, Note(a))[0]);
        VisitDigestDecider.Decide(digest, [Note(a), Note(c), Note(c)]).Cast<OverdueVisitNoted>().Select(e => e.CaseId).ShouldBe([c]);
        VisitDigestDecider.Decide(digest with { SentAt = sendAt }, [Note(b)]).ShouldBeEmpty();
    }
}
