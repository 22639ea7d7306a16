using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.UnitTests.BuildingBlocks;

/// <summary>Days, dates and deadlines are Beijing days (DESIGN §6), whatever day it is in UTC.</summary>
public sealed class LocalCalendarTests
{
    private static readonly LocalCalendar Beijing = LocalCalendar.For("Asia/Shanghai");

    private static IConfiguration Settings(string? timeZone) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(LocalCalendar.TimeZoneKey, timeZone)]).Build();

    [Fact]
    public void At_23_30_UTC_it_is_already_the_next_day_in_Beijing()
    {
        var now = new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero);

        Beijing.Today(now).ShouldBe(new DateOnly(2026, 12, 7));
        Beijing.TimeOfDay(now).ShouldBe(new TimeOnly(7, 30));
        Beijing.Local(now).Offset.ShouldBe(TimeSpan.FromHours(8));
        Beijing.Local(now).ShouldBe(now, "the same instant, shown on Beijing's wall clock");
    }

    [Fact]
    public void The_instant_of_a_local_date_and_time_round_trips()
    {
        var date = new DateOnly(2026, 12, 6);
        var time = new TimeOnly(23, 59);

        var at = Beijing.At(date, time);

        at.UtcDateTime.ShouldBe(new DateTime(2026, 12, 6, 15, 59, 0, DateTimeKind.Utc));
        Beijing.Today(at).ShouldBe(date);
        Beijing.TimeOfDay(at).ShouldBe(time);
    }

    [Fact]
    public void A_Beijing_day_runs_from_16_00_UTC_the_day_before_to_16_00_UTC()
    {
        var date = new DateOnly(2026, 12, 6);

        Beijing.StartOfDay(date).UtcDateTime.ShouldBe(new DateTime(2026, 12, 5, 16, 0, 0, DateTimeKind.Utc));
        Beijing.EndOfDay(date).UtcDateTime.ShouldBe(new DateTime(2026, 12, 6, 16, 0, 0, DateTimeKind.Utc));
        Beijing.Today(Beijing.EndOfDay(date).AddTicks(-1)).ShouldBe(date);
        Beijing.Today(Beijing.EndOfDay(date)).ShouldBe(date.AddDays(1));
    }

    [Fact]
    public void Where_clocks_change_a_skipped_time_falls_after_the_jump_and_a_repeated_one_is_its_first_occurrence()
    {
        var berlin = LocalCalendar.For("Europe/Berlin");

        // 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 never shows.
        berlin.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)).ShouldBe(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero));
        // 25 October 2026: 03:00 CEST goes back to 02:00 CET, so 02:30 shows twice.
        berlin.At(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)).ShouldBe(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        berlin.EndOfDay(new DateOnly(2026, 3, 29)).ShouldBe(berlin.StartOfDay(new DateOnly(2026, 3, 29)).AddHours(23));
    }

    [Fact]
    public void Without_configuration_the_calendar_is_Beijing_time()
    {
        LocalCalendar.From(Settings(null)).Zone.Id.ShouldBe("Asia/Shanghai");
        LocalCalendar.From(Settings("Asia/Urumqi")).Zone.Id.ShouldBe("Asia/Urumqi");
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_naming_the_key()
    {
        var refused = Should.Throw<InvalidOperationException>(() => LocalCalendar.From(Settings("Asia/Peking")));

        refused.Message.ShouldContain("Calendar:TimeZone");
        refused.Message.ShouldContain("Asia/Peking");
    }

    [Fact]
    public void A_service_with_an_unknown_time_zone_does_not_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration[LocalCalendar.TimeZoneKey] = "Beijing";

        Should.Throw<InvalidOperationException>(() => builder.AddServiceDefaults("calendar-test", 0))
            .Message.ShouldContain(LocalCalendar.TimeZoneKey);
    }

    [Fact]
    public void Every_service_gets_the_one_calendar_from_its_defaults()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.AddServiceDefaults("calendar-test", 0);

        using var services = builder.Services.BuildServiceProvider();
        services.GetRequiredService<LocalCalendar>().Zone.Id.ShouldBe("Asia/Shanghai");
    }
}
