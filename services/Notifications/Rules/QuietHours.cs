using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.Notifications.Rules;

/// <summary>
/// When an external delivery (e-mail, webhook) may go out: at once, unless it is not urgent and
/// the recipient's local time is inside their quiet hours — then when those hours end. Urgent
/// notifications ignore quiet hours. The in-app inbox is never held back.
/// </summary>
public static class QuietHours
{
    public static DateTimeOffset NotBefore(Preferences preferences, Urgency urgency, DateTimeOffset now)
    {
        if (urgency == Urgency.Urgent || preferences.QuietFrom is not { } from || preferences.QuietTo is not { } to || from == to)
            return now;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(preferences.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var wraps = from > to; // e.g. 22:00–07:00
        var inside = wraps ? time >= from || time < to : time >= from && time < to;
        if (!inside) return now;
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (wraps && time >= from) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(to);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
