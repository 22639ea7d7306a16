using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.Cases;
using ClientGroup = FiveSocieties.Contracts.V1.ClientGroup;
using static FiveSocieties.UnitTests.Cases.CaseHistory;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Group and community activities: scheduling, enrolment within capacity, attendance.</summary>
public sealed class ActivityDeciderTests
{
    private static readonly Guid ActivityId = Guid.NewGuid();
    private static readonly DateTimeOffset StartsAt = Now.AddHours(-2);
    private static readonly DateTimeOffset EndsAt = Now.AddDays(30);

    private static ScheduleActivity Schedule(ClientGroup? target = null, int capacity = 2, DateTimeOffset? endsAt = null, string title = "国画班 painting class") =>
        new(ActivityId, Station, title, null, ActivityKind.Group, target, StartsAt, endsAt ?? EndsAt, capacity, Caseworker, Now.AddDays(-1));

    private static EnrolClient Enrol(Guid caseId, ClientGroup group = ClientGroup.Elderly, bool closed = false, Guid? station = null, DateTimeOffset? at = null) =>
        new(ActivityId, caseId, station ?? Station, group, closed, Caseworker, at ?? Now);

    private static RecordAttendance Attend(DateOnly? on = null, params Guid[] caseIds) =>
        new(ActivityId, caseIds, on ?? Today, Caseworker, Now);

    private static object[] Scheduled(ClientGroup? target = null, int capacity = 2) => [.. ActivityDecider.Decide(null, Schedule(target, capacity))];

    private static object[] With(object[] history, Func<Activity, IReadOnlyList<object>> decide) => [.. history, .. decide(Given(history))];

    private static Activity Given(params object[] events)
    {
        Activity? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                ActivityScheduled x => Activity.Create(x),
                ClientEnrolledInActivity x => state!.Apply(x) with { Version = version },
                ActivityAttendanceRecorded x => state!.Apply(x) with { Version = version },
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    [Fact]
    public void Scheduling_an_activity_records_its_places_and_target_group()
    {
        var scheduled = ActivityDecider.Decide(null, Schedule(ClientGroup.Child, capacity: 12)).ShouldHaveSingleItem().ShouldBeOfType<ActivityScheduled>();
        scheduled.Capacity.ShouldBe(12);
        scheduled.TargetGroup.ShouldBe(ClientGroup.Child);
        var state = Given(scheduled);
        state.Version.ShouldBe(1);
        state.Enrolled.ShouldBeEmpty();
    }

    [Fact]
    public void An_activity_that_does_not_end_after_it_starts_is_refused()
    {
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(null, Schedule(endsAt: StartsAt))).Code.ShouldBe("activity.ends-before-start");
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(null, Schedule(endsAt: StartsAt.AddMinutes(-1)))).Code.ShouldBe("activity.ends-before-start");
    }

    [Fact]
    public void Scheduling_again_with_the_same_id_changes_nothing_but_other_details_are_refused()
    {
        var state = Given(Scheduled());
        ActivityDecider.Decide(state, Schedule()).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(state, Schedule(title: "亲子手工 crafts"))).Code.ShouldBe("activity.id-taken");
    }

    [Fact]
    public void Enrolling_in_an_unknown_activity_is_not_found()
    {
        Should.Throw<RecordNotFound>(() => ActivityDecider.Decide(null, Enrol(Guid.NewGuid())));
    }

    [Fact]
    public void A_client_enrols_once_and_enrolling_again_changes_nothing()
    {
        var caseId = Guid.NewGuid();
        var enrolled = With(Scheduled(), s => ActivityDecider.Decide(s, Enrol(caseId)));
        enrolled.Last().ShouldBeOfType<ClientEnrolledInActivity>().CaseId.ShouldBe(caseId);
        ActivityDecider.Decide(Given(enrolled), Enrol(caseId)).ShouldBeEmpty();
        Given(enrolled).Enrolled.ShouldBe([caseId]);
    }

    [Fact]
    public void Enrolment_never_goes_beyond_capacity_but_an_enrolled_client_repeating_is_still_answered()
    {
        var first = Guid.NewGuid();
        var full = With(With(Scheduled(capacity: 2), s => ActivityDecider.Decide(s, Enrol(first))), s => ActivityDecider.Decide(s, Enrol(Guid.NewGuid())));
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(Given(full), Enrol(Guid.NewGuid()))).Code.ShouldBe("activity.full");
        ActivityDecider.Decide(Given(full), Enrol(first)).ShouldBeEmpty();
    }

    [Fact]
    public void A_client_outside_the_target_group_is_refused_and_an_activity_for_all_takes_both_groups()
    {
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(Given(Scheduled(ClientGroup.Child)), Enrol(Guid.NewGuid(), ClientGroup.Elderly)))
            .Code.ShouldBe("activity.wrong-group");
        ActivityDecider.Decide(Given(Scheduled(ClientGroup.Child)), Enrol(Guid.NewGuid(), ClientGroup.Child)).ShouldHaveSingleItem();
        ActivityDecider.Decide(Given(Scheduled()), Enrol(Guid.NewGuid(), ClientGroup.Child)).ShouldHaveSingleItem();
        ActivityDecider.Decide(Given(Scheduled()), Enrol(Guid.NewGuid(), ClientGroup.Elderly)).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_client_whose_case_is_closed_cannot_enrol()
    {
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(Given(Scheduled()), Enrol(Guid.NewGuid(), closed: true)))
            .Code.ShouldBe("activity.case-closed");
    }

    [Fact]
    public void Another_stations_client_does_not_exist_for_the_activity()
    {
        Should.Throw<RecordNotFound>(() => ActivityDecider.Decide(Given(Scheduled()), Enrol(Guid.NewGuid(), station: Guid.NewGuid())))
            .Kind.ShouldBe("Case");
    }

    [Fact]
    public void Nobody_enrols_once_the_activity_has_ended()
    {
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(Given(Scheduled()), Enrol(Guid.NewGuid(), at: EndsAt)))
            .Code.ShouldBe("activity.over");
    }

    [Fact]
    public void Attendance_of_enrolled_clients_is_recorded_once_per_day()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var enrolled = With(With(Scheduled(), s => ActivityDecider.Decide(s, Enrol(a))), s => ActivityDecider.Decide(s, Enrol(b)));
        var recorded = ActivityDecider.Decide(Given(enrolled), Attend(null, a, a), Calendar).ShouldHaveSingleItem().ShouldBeOfType<ActivityAttendanceRecorded>();
        recorded.CaseIds.ShouldBe([a]);
        recorded.AttendedOn.ShouldBe(Today);

        var again = ActivityDecider.Decide(Given([.. enrolled, recorded]), Attend(null, a, b), Calendar).ShouldHaveSingleItem().ShouldBeOfType<ActivityAttendanceRecorded>();
        again.CaseIds.ShouldBe([b], "a was already recorded for the day");
        ActivityDecider.Decide(Given([.. enrolled, recorded, again]), Attend(null, a, b), Calendar).ShouldBeEmpty();
        Given([.. enrolled, recorded, again]).Attendance.Count.ShouldBe(2);
    }

    [Fact]
    public void Attendance_of_a_client_not_enrolled_is_refused()
    {
        var a = Guid.NewGuid();
        var enrolled = With(Scheduled(), s => ActivityDecider.Decide(s, Enrol(a)));
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(Given(enrolled), Attend(null, a, Guid.NewGuid()), Calendar))
            .Code.ShouldBe("activity.not-enrolled");
    }

    [Fact]
    public void Attendance_outside_the_activitys_days_or_in_the_future_is_refused()
    {
        var a = Guid.NewGuid();
        var state = Given(With(Scheduled(), s => ActivityDecider.Decide(s, Enrol(a))));
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(state, Attend(Calendar.Today(StartsAt).AddDays(-1), a), Calendar))
            .Code.ShouldBe("activity.not-on-that-day");
        Should.Throw<DomainRuleViolation>(() => ActivityDecider.Decide(state, Attend(Today.AddDays(1), a), Calendar))
            .Code.ShouldBe("activity.attendance-in-future");
    }

    [Fact]
    public void Attendance_appears_on_the_clients_case_and_is_counted()
    {
        var caseId = Guid.NewGuid();
        var attended = CaseHistory.With(Opened(caseId), s => CaseDecider.Decide(s,
            new RecordActivityAttended(caseId, ActivityId, "国画班", ActivityKind.Group, Today, Caseworker, Now)));
        var e = attended.Last().ShouldBeOfType<ActivityAttended>();
        e.ActivityId.ShouldBe(ActivityId);
        e.AttendedOn.ShouldBe(Today);
        var state = CaseHistory.Given(attended);
        state.ActivitiesAttended.ShouldBe(1);
        state.Version.ShouldBe(2);
    }
}
