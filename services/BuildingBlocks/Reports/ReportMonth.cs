using System.Globalization;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Scheduling;

namespace FiveSocieties.BuildingBlocks.Reports;

/// <summary>
/// The month a report covers, as the station's calendar counts it: from the first local day to
/// the first of the next, so a meal on 1 December at 07:00 in Beijing is December's, never
/// November's as a UTC date would say.
/// </summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    /// <summary>The first month a report may ask for: no station kept records in this system before.</summary>
    public static readonly ReportMonth Earliest = new(2020, 1);

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The first day after the month (exclusive end).</summary>
    public DateOnly NextFirstDay => FirstDay.AddMonths(1);

    public DateOnly LastDay => NextFirstDay.AddDays(-1);

    public DateTimeOffset Start(LocalCalendar calendar) => calendar.StartOfDay(FirstDay);

    public DateTimeOffset End(LocalCalendar calendar) => calendar.StartOfDay(NextFirstDay);

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    public static ReportMonth Of(DateOnly day) => new(day.Year, day.Month);

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    /// <summary>
    /// The <c>month</c> parameter (yyyy-MM), the current month when absent. A month not yet begun or
    /// before <see cref="Earliest"/> is out of range; both are said on the field.
    /// </summary>
    public static ReportMonth Parse(string? month, DateOnly today, RequestValidator validator, string field = "month")
    {
        var current = Of(today);
        if (string.IsNullOrWhiteSpace(month)) return current;
        if (!DateOnly.TryParseExact(month.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            validator.Fail(field, $"must be a month as yyyy-MM, e.g. {current}.");
            return current;
        }
        var asked = Of(first);
        if (asked.CompareTo(current) > 0 || asked.CompareTo(Earliest) < 0)
            validator.Fail(field, $"must be a month from {Earliest} to {current}.");
        return asked;
    }
}
