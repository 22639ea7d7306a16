// Delivery days and windows are local wall-clock times at the station (China Standard Time by
// default); timers compare instants. This is the one place that converts between the two.
namespace FiveSocieties.Volunteers;

public sealed class VolunteersSettings
{
    /// <summary>The stations' offset from UTC (China has one time zone and no daylight saving).</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Local time after which the morning run plans today's and tomorrow's deliveries.</summary>
    public TimeOnly MorningPlanAt { get; set; } = new(6, 0);

    /// <summary>Local time, the day before, after which accepted volunteers are reminded.</summary>
    public TimeOnly ReminderAt { get; set; } = new(18, 0);

    /// <summary>How long a volunteer has to accept or decline an offer (never past the window's start).</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the dispatch sweep looks for expired offers, no-shows, reminders and the morning plan.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hours credited to the time bank for one meal delivery.</summary>
    public decimal HoursPerDelivery { get; set; } = 0.5m;

    public DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new(date.ToDateTime(time), UtcOffset);

    public DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(UtcOffset);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);
}
