using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Scheduling;

/// <summary>
/// Days as the stations count them: dates, "today" and day boundaries in one configured time zone
/// (Beijing time by default), never in UTC days, where 00:00–08:00 in Beijing is still yesterday.
/// Instants stay instants; the injected <see cref="TimeProvider"/> says what time it is, this says
/// which day that is.
/// </summary>
public sealed class LocalCalendar
{
    public const string TimeZoneKey = "Calendar:TimeZone";
    public const string DefaultTimeZone = "Asia/Shanghai";

    public LocalCalendar(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The calendar of an IANA time zone, e.g. Asia/Shanghai.</summary>
    public static LocalCalendar For(string timeZoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>The calendar of <c>Calendar:TimeZone</c>; an unknown zone is refused, naming the key.</summary>
    public static LocalCalendar From(IConfiguration configuration)
    {
        var id = configuration[TimeZoneKey];
        if (string.IsNullOrWhiteSpace(id)) id = DefaultTimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? new LocalCalendar(zone)
            : throw new InvalidOperationException(
                $"{TimeZoneKey} is '{id}', which is not a time zone this machine knows; give an IANA id such as {DefaultTimeZone}.");
    }

    /// <summary>The instant as the wall clock shows it: the same instant, with the zone's offset at that moment.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The local date at <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);

    /// <summary>The local wall-clock time of day at <paramref name="instant"/>.</summary>
    public TimeOnly TimeOfDay(DateTimeOffset instant) => TimeOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>
    /// The instant the wall clock shows <paramref name="time"/> on <paramref name="date"/>. Where a
    /// zone's clocks go back, the first of the two; where they jump forward over it, as long after
    /// the jump as the time was after the last moment before it.
    /// </summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The first instant of the local day.</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>The end of the local day, exclusive: the first instant of the next one.</summary>
    public DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1));
}

public static class LocalCalendarSetup
{
    /// <summary>
    /// Registers the one calendar of the host, read from configuration now, so that a host with an
    /// unknown time zone fails as it is built rather than on the first date it computes.
    /// </summary>
    public static IHostApplicationBuilder AddLocalCalendar(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(LocalCalendar.From(builder.Configuration));
        return builder;
    }
}
