using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Delivery.WeChat;

/// <summary>
/// When a notification may go by WeChat: an urgent alarm, to a person whose binding the platform
/// has not refused (binding is something a person does themselves, signed in through WeChat: it
/// is their consent), on a rule with a template. Asked again at sending: a binding refused or
/// replaced since planning stops it.
/// </summary>
public static class WeChatPolicy
{
    public static (string? OpenId, string? Refusal) OpenIdFor(WeChatBinding? binding, string rule, Urgency urgency)
    {
        if (urgency != Urgency.Urgent) return (null, "WeChat carries urgent alarms only");
        if (binding is null) return (null, "the recipient has not bound WeChat");
        if (!binding.Usable) return (null, $"the recipient's WeChat binding is {binding.Status}");
        if (!WeChatTemplates.Has(rule)) return (null, $"rule '{rule}' has no WeChat template");
        return (binding.OpenId, null);
    }

    /// <summary>The WeChat delivery of a new urgent notification: the fallback's WeChat step, after its wait.</summary>
    public static IEnumerable<PlannedDelivery> Plan(WeChatBinding? binding, string rule, Urgency urgency, DateTimeOffset now,
        IReadOnlyList<FallbackStep> urgentFallback) =>
        OpenIdFor(binding, rule, urgency).OpenId is null
            ? []
            : urgentFallback.Where(s => s.Channel == Channel.WeChat).Take(1).Select(s => new PlannedDelivery(Channel.WeChat, null, now + s.After));
}
