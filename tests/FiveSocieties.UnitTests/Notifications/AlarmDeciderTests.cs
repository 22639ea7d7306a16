using FiveSocieties.Notifications;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.UnitTests.Notifications;

/// <summary>An alarm's climb up its chain, given events, when a command, then events: never to nobody.</summary>
public sealed class AlarmDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Caseworker = Guid.NewGuid(), Supervisor = Guid.NewGuid(), Officer = Guid.NewGuid();
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30), Hour = TimeSpan.FromMinutes(60);

    private static RaiseAlarm Raise(AlarmAudience first, params Guid[] recipients) =>
        new(Guid.NewGuid(), "delivery-missed.lives-alone", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Dictionary<string, string>(),
            first, recipients, HalfHour, Now);

    /// <summary>The chain caseworker → supervisors after 30 min → district officers after 60 more, with these people on it now.</summary>
    private static AdvanceAlarm Chain(DateTimeOffset at, Guid[] level0, Guid[] supervisors, Guid[] officers) =>
        new([new(AlarmAudience.RuleAudience, TimeSpan.Zero, level0), new(AlarmAudience.StationSupervisors, HalfHour, supervisors),
            new(AlarmAudience.DistrictOfficers, Hour, officers)], at);

    private static Alarm Fold(IEnumerable<object> events)
    {
        Alarm? state = null;
        var version = 0;
        foreach (var e in events)
        {
            version++;
            state = (e switch
            {
                AlarmRaised raised => Alarm.Create(raised),
                AlarmLevelReached reached => state!.Apply(reached),
                AlarmLevelPassed passed => state!.Apply(passed),
                AlarmUnreached unreached => state!.Apply(unreached),
                AlarmChainEnded ended => state!.Apply(ended),
                AlarmAcknowledged acknowledged => state!.Apply(acknowledged),
                _ => throw new ArgumentException(e.GetType().Name),
            }) with { Version = version }; // as Marten sets it after each event
        }
        return state!;
    }

    [Fact]
    public void Raised_with_the_caseworker_the_alarm_waits_30_minutes_for_them()
    {
        var events = AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker));
        events[1].ShouldBe(new AlarmLevelReached(0, AlarmAudience.RuleAudience, [Caseworker], Now, Now + HalfHour) with
        {
            Recipients = ((AlarmLevelReached)events[1]).Recipients,
        });
        ((AlarmLevelReached)events[1]).Recipients.ShouldBe([Caseworker]);
        var alarm = Fold(events);
        alarm.NextStepAt.ShouldBe(Now + HalfHour);
        AlarmDecider.Decide(alarm, Chain(Now + TimeSpan.FromMinutes(29), [Caseworker], [Supervisor], [Officer])).ShouldBeEmpty();
    }

    [Fact]
    public void A_repeated_raise_changes_nothing()
    {
        var alarm = Fold(AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)));
        AlarmDecider.Decide(alarm, Raise(AlarmAudience.RuleAudience, Caseworker)).ShouldBeEmpty();
    }

    [Fact]
    public void Unacknowledged_it_climbs_one_level_at_a_time_and_marks_when_the_next_is_due()
    {
        var alarm = Fold(AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)));
        var toSupervisor = AlarmDecider.Decide(alarm, Chain(Now + HalfHour, [Caseworker], [Supervisor], [Officer]));
        var reached = toSupervisor.ShouldHaveSingleItem().ShouldBeOfType<AlarmLevelReached>();
        (reached.Level, reached.Audience, reached.NextLevelAt).ShouldBe((1, AlarmAudience.StationSupervisors, Now + HalfHour + Hour));
        reached.Recipients.ShouldBe([Supervisor]);

        alarm = Fold([.. AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)), .. toSupervisor]);
        AlarmDecider.Decide(alarm, Chain(Now + HalfHour + TimeSpan.FromMinutes(59), [Caseworker], [Supervisor], [Officer])).ShouldBeEmpty();
        var toOfficer = AlarmDecider.Decide(alarm, Chain(Now + HalfHour + Hour, [Caseworker], [Supervisor], [Officer]))
            .ShouldHaveSingleItem().ShouldBeOfType<AlarmLevelReached>();
        (toOfficer.Level, toOfficer.NextLevelAt).ShouldBe((2, null));
    }

    [Fact]
    public void An_empty_level_passes_straight_on_to_the_next()
    {
        var alarm = Fold(AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)));
        var events = AlarmDecider.Decide(alarm, Chain(Now + HalfHour, [Caseworker], [], [Officer]));
        events.Count.ShouldBe(2);
        events[0].ShouldBe(new AlarmLevelPassed(1, AlarmAudience.StationSupervisors, Now + HalfHour));
        events[1].ShouldBeOfType<AlarmLevelReached>().Level.ShouldBe(2);
    }

    [Fact]
    public void A_rule_audience_with_nobody_on_it_is_due_at_once_and_with_nobody_anywhere_the_alarm_is_unreached_never_escalated()
    {
        var raised = AlarmDecider.Decide(null, Raise(AlarmAudience.StationSupervisors));
        raised[1].ShouldBe(new AlarmLevelPassed(0, AlarmAudience.StationSupervisors, Now));
        var alarm = Fold(raised);
        alarm.NextStepAt.ShouldBe(Now);

        var exhausted = AlarmDecider.Decide(alarm, Chain(Now, [], [], []));
        exhausted.ShouldBe([new AlarmLevelPassed(1, AlarmAudience.StationSupervisors, Now), new AlarmLevelPassed(2, AlarmAudience.DistrictOfficers, Now),
            new AlarmUnreached(Now)]);
        alarm = Fold([.. raised, .. exhausted]);
        (alarm.IsOpen, alarm.IsUnreached, alarm.HasReachedAnyone, alarm.NextStepAt, alarm.UnreachedSince).ShouldBe((true, true, false, null, Now));

        // Looked at again and again: nothing is written while nobody is there.
        AlarmDecider.Decide(alarm, Chain(Now + Hour, [], [], [])).ShouldBeEmpty();
        // Someone joins the district's roster: they are told at once.
        var found = AlarmDecider.Decide(alarm, Chain(Now + Hour, [], [], [Officer])).ShouldHaveSingleItem().ShouldBeOfType<AlarmLevelReached>();
        (found.Level, found.Recipients.Single()).ShouldBe((2, Officer));
        alarm = Fold([.. raised, .. exhausted, found]);
        (alarm.IsUnreached, alarm.AwaitingPeople, alarm.UnreachedSince).ShouldBe((false, false, null));
    }

    [Fact]
    public void When_the_levels_above_are_empty_the_alarm_waits_open_for_an_acknowledgement_and_for_someone_above()
    {
        var alarm = Fold(AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)));
        var ended = AlarmDecider.Decide(alarm, Chain(Now + HalfHour, [Caseworker], [], []));
        ended.Last().ShouldBe(new AlarmChainEnded(Now + HalfHour));
        alarm = Fold([.. AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)), .. ended]);
        (alarm.IsUnreached, alarm.AwaitingPeople, alarm.NextStepAt).ShouldBe((false, true, null));
        AlarmDecider.Decide(alarm, Chain(Now + Hour, [Caseworker], [], [])).ShouldBeEmpty();
        AlarmDecider.Decide(alarm, Chain(Now + Hour, [Caseworker], [Supervisor], [])).ShouldHaveSingleItem()
            .ShouldBeOfType<AlarmLevelReached>().Level.ShouldBe(1);
    }

    [Fact]
    public void Someone_already_told_is_not_told_again_on_a_higher_level()
    {
        // A one-person station: the caseworker is its supervisor too, so the supervisors' level has nobody new.
        var alarm = Fold(AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker)));
        var events = AlarmDecider.Decide(alarm, Chain(Now + HalfHour, [Caseworker], [Caseworker], [Officer]));
        events[0].ShouldBeOfType<AlarmLevelPassed>().Level.ShouldBe(1);
        events[1].ShouldBeOfType<AlarmLevelReached>().Recipients.ShouldBe([Officer]);
    }

    [Fact]
    public void An_acknowledgement_at_any_level_stops_the_chain_and_records_the_level()
    {
        var raised = AlarmDecider.Decide(null, Raise(AlarmAudience.RuleAudience, Caseworker));
        var climbed = AlarmDecider.Decide(Fold(raised), Chain(Now + HalfHour, [Caseworker], [Supervisor], [Officer]));
        var alarm = Fold([.. raised, .. climbed]);
        var acknowledged = AlarmDecider.Decide(alarm, new AcknowledgeAlarm(Supervisor, Now + Hour)).ShouldHaveSingleItem()
            .ShouldBeOfType<AlarmAcknowledged>();
        acknowledged.Level.ShouldBe(1);
        alarm = Fold([.. raised, .. climbed, acknowledged]);
        AlarmDecider.Decide(alarm, Chain(Now + TimeSpan.FromHours(5), [Caseworker], [Supervisor], [Officer])).ShouldBeEmpty();
        AlarmDecider.Decide(alarm, new AcknowledgeAlarm(Caseworker, Now + Hour)).ShouldBeEmpty();
    }

    [Fact]
    public void The_default_chains_cover_every_urgent_rule_and_a_misconfigured_chain_is_named_by_its_key()
    {
        var defaults = new EscalationSettings();
        defaults.Problems(NotificationRules.UrgentRules).ShouldBeEmpty();
        foreach (var rule in NotificationRules.UrgentRules)
            defaults.LevelsFor(rule).ShouldNotBeEmpty($"{rule} has a chain beyond its own audience");
        defaults.LevelsFor("delivery-missed.lives-alone").Select(l => (l.To, l.After))
            .ShouldBe([(AlarmAudience.StationSupervisors, HalfHour), (AlarmAudience.DistrictOfficers, Hour)]);

        var wrong = new EscalationSettings
        {
            Chains = [new() { Rules = ["delivery-missed"], Levels = [new() { To = AlarmAudience.DistrictOfficers, After = TimeSpan.Zero }] }],
        };
        var problems = wrong.Problems(NotificationRules.UrgentRules);
        problems.ShouldContain(p => p.StartsWith("Notifications:Escalation:Chains:0:Rules: 'delivery-missed' is not an urgent rule"));
        problems.ShouldContain(p => p.StartsWith("Notifications:Escalation:Chains:0:Levels:0:After"));
    }
}
