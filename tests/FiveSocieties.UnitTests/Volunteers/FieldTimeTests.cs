using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Volunteers;

namespace FiveSocieties.UnitTests.Volunteers;

public sealed class FieldTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly VolunteersSettings Settings = new() { OfflineWindow = TimeSpan.FromHours(48), ClockSkew = TimeSpan.FromMinutes(5) };

    [Fact]
    public void An_action_without_its_own_time_happened_when_it_reached_us()
    {
        FieldTime.Resolve(null, Now, Settings).ShouldBe(new FieldTime(Now, Now));
    }

    [Fact]
    public void An_action_queued_offline_within_the_window_keeps_when_it_happened()
    {
        FieldTime.Resolve(Now.AddHours(-47), Now, Settings).ShouldBe(new FieldTime(Now.AddHours(-47), Now));
        FieldTime.Resolve(Now.AddMinutes(3), Now, Settings).ShouldBe(new FieldTime(Now, Now), "a phone clock a little ahead is taken as now");
    }

    [Theory]
    [InlineData(-49 * 60, "action.occurred-too-long-ago")]
    [InlineData(6, "action.occurred-in-the-future")]
    public void An_action_from_too_long_ago_or_the_future_is_refused_naming_occurredAt(int minutes, string rule)
    {
        var refused = Should.Throw<DomainRuleViolation>(() => FieldTime.Resolve(Now.AddMinutes(minutes), Now, Settings));
        refused.Code.ShouldBe(rule);
        refused.Field.ShouldBe("occurredAt");
    }
}
