using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Delivery.Sms;

/// <summary>
/// When a notification may go by SMS, and to which number. Staff (caseworkers, supervisors,
/// coordinators, district officers) are texted urgent alarms because their post asks it of them;
/// anyone else only while they have chosen SMS themselves (their consent), and for the rules they
/// named. Asked again at sending: a consent withdrawn or a post left since planning stops the SMS.
/// </summary>
public static class SmsPolicy
{
    public static bool IsStaff(RecipientKind kind) =>
        kind is RecipientKind.Caseworker or RecipientKind.Supervisor or RecipientKind.Coordinator or RecipientKind.DistrictOfficer or RecipientKind.Staff;

    /// <summary>The number to text this notification to, or why there is none.</summary>
    public static (string? Phone, string? Refusal) PhoneFor(RecipientKind kind, Preferences preferences, string rule, Urgency urgency)
    {
        if (PhoneNumbers.Normalise(preferences.Phone) is not { } phone) return (null, "no mobile number in the recipient's preferences");
        if (!SmsTemplates.Has(rule)) return (null, $"rule '{rule}' has no SMS template");
        if (urgency == Urgency.Urgent && (IsStaff(kind) || preferences.Wants(Channel.Sms))) return (phone, null);
        if (preferences.WantsSmsFor(rule)) return (phone, null);
        return (null, "neither the recipient's post nor their consent allows an SMS for this rule");
    }

    /// <summary>The SMS deliveries to plan for a new notification: urgent ones as a fallback after each configured wait, others when wanted.</summary>
    public static IEnumerable<PlannedDelivery> Plan(
        RecipientKind kind, Preferences preferences, string rule, Urgency urgency, DateTimeOffset notBefore, DateTimeOffset now,
        IReadOnlyList<FallbackStep> urgentFallback)
    {
        if (PhoneFor(kind, preferences, rule, urgency).Phone is null) return [];
        if (urgency != Urgency.Urgent) return [new PlannedDelivery(Channel.Sms, null, notBefore)];
        return urgentFallback.Where(s => s.Channel == Channel.Sms).Take(1).Select(s => new PlannedDelivery(Channel.Sms, null, now + s.After));
    }
}
