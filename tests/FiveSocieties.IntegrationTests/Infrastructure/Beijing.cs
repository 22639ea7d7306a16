namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// Beijing time as the tests work it out for themselves (UTC+8, no daylight saving), so that a
/// service counting days in another zone is caught rather than agreed with.
/// </summary>
public static class Beijing
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);
}
