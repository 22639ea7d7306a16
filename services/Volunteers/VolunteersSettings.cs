using FiveSocieties.Volunteers.Deliveries.Confirming;

namespace FiveSocieties.Volunteers;

/// <summary>
/// How the Volunteers service dispatches. Its times of day are wall-clock times of the stations'
/// calendar (the shared LocalCalendar, Calendar:TimeZone), which also turns instants into dates.
/// </summary>
public sealed class VolunteersSettings
{
    /// <summary>Local time after which the morning run plans today's and tomorrow's deliveries.</summary>
    public TimeOnly MorningPlanAt { get; set; } = new(6, 0);

    /// <summary>Local time, the day before, after which accepted volunteers are reminded.</summary>
    public TimeOnly ReminderAt { get; set; } = new(18, 0);

    /// <summary>How long a volunteer has to accept or decline an offer (never past the window's start).</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Local time, the day before, after which households are texted to confirm tomorrow's meal.</summary>
    public TimeOnly ConfirmationAskAt { get; set; } = new(18, 0);

    /// <summary>The approved SMS template (短信模板) of the evening-before question, as the platform's console numbered it.</summary>
    public string ConfirmationTemplateCode { get; set; } = MealConfirmationSms.DefaultTemplateCode;

    /// <summary>How often the dispatch sweep looks for expired offers, no-shows, reminders and the morning plan.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hours credited to the time bank for one meal delivery.</summary>
    public decimal HoursPerDelivery { get; set; } = 0.5m;

    /// <summary>How long after it happened a volunteer's action queued offline on the phone is still accepted.</summary>
    public TimeSpan OfflineWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How far ahead of ours a phone's clock may run before its "happened at" is refused.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before an accepted task's window opens its recipient's address and phone show (to find the way).</summary>
    public TimeSpan RecipientDetailsLead { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long after its window closes an accepted task's recipient details still show (a late door).</summary>
    public TimeSpan RecipientDetailsGrace { get; set; } = TimeSpan.FromHours(1);
}
