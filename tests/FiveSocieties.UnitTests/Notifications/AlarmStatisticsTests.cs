using FiveSocieties.Notifications.Alarms;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class AlarmStatisticsTests
{
    private static readonly DateTimeOffset Raised = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static Alarm Alarm(string rule, int minutesToAcknowledge = -1, params AlarmAudience[] reached) =>
        new(Guid.NewGuid(), rule, Guid.NewGuid(), Guid.NewGuid(), null, new Dictionary<string, string>(), Raised, AlarmAudience.RuleAudience, [],
            reached.Length - 1, reached.Select((a, level) => new AlarmStep(level, a, [Guid.NewGuid()], Raised.AddMinutes(30 * level))).ToList(),
            null, false, null, minutesToAcknowledge < 0 ? null : Raised.AddMinutes(minutesToAcknowledge), null, null, 1);

    [Fact]
    public void Alarms_count_by_the_highest_level_they_reached_by_rule_and_by_how_fast_they_were_acknowledged()
    {
        var statistics = DistrictAlarmStatistics.Of("140213",
        [
            Alarm("delivery-missed.lives-alone", 10, AlarmAudience.RuleAudience),
            Alarm("delivery-missed.lives-alone", 92, AlarmAudience.RuleAudience, AlarmAudience.StationSupervisors, AlarmAudience.DistrictOfficers),
            Alarm("dispatch-failed", 40, AlarmAudience.StationSupervisors),
            Alarm("dispatch-failed"),
        ]);
        statistics.Raised.ShouldBe(4);
        statistics.ByHighestLevel.ShouldBe(new Dictionary<string, int>
        {
            ["Nobody"] = 1, ["RuleAudience"] = 1, ["StationSupervisors"] = 1, ["StationCoordinators"] = 0, ["DistrictOfficers"] = 1,
        });
        statistics.ByRule.ShouldBe(new Dictionary<string, int> { ["delivery-missed.lives-alone"] = 2, ["dispatch-failed"] = 2 });
        (statistics.Acknowledged, statistics.OpenNow, statistics.UnreachedNow).ShouldBe((3, 1, 1));
        statistics.MedianMinutesToAcknowledge.ShouldBe(40);
        statistics.P90MinutesToAcknowledge.ShouldBe(81.6);
    }

    [Fact]
    public void With_no_alarm_every_level_is_zero_and_no_time_is_given()
    {
        var none = DistrictAlarmStatistics.Of("140213", []);
        none.ByHighestLevel.Values.ShouldAllBe(n => n == 0);
        none.ByHighestLevel.Count.ShouldBe(5);
        (none.MedianMinutesToAcknowledge, none.P90MinutesToAcknowledge).ShouldBe((null, null));
    }

    [Theory]
    [InlineData(new double[] { 5 }, 0.9, 5)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new double[] { 10, 40, 92 }, 0.9, 81.6)]
    public void Percentiles_interpolate_between_ranks_as_PostgreSQL_does(double[] sorted, double fraction, double expected) =>
        DistrictAlarmStatistics.Percentile(sorted, fraction).ShouldBe(expected);
}
