using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications.Delivery.WeChat;

/// <summary>
/// A rule's subscription notification: the template chosen in the official account's console
/// (its id, configured per rule under Notifications:WeChat:TemplateIds, else a default the local
/// stand-in takes) and the zh-CN values of its keywords. Keyword names follow the platform's
/// kinds (thing: ≤ 20 characters of text, time: a date, number, phrase: ≤ 5 characters).
/// </summary>
public sealed record WeChatTemplate(string Rule, string DefaultId, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> Data);

public static class WeChatTemplates
{
    public static readonly IReadOnlyDictionary<string, WeChatTemplate> ByRule = new WeChatTemplate[]
    {
        new("delivery-missed.lives-alone", "standin-tpl-missed-meal", p => new()
        {
            ["thing1"] = "独居服务对象送餐未送达", ["time2"] = SmsTemplates.Day(p, "date"), ["thing3"] = SmsTemplates.Name(p, "reason", "MissReason"),
        }),
        new(NotificationRules.NeedUnmatched, "standin-tpl-need-unmatched", p => new()
        {
            ["thing1"] = "紧急需求未匹配到资源", ["thing2"] = SmsTemplates.Short(SmsTemplates.Name(p, "category", "NeedCategory"), 20),
        }),
        new("dispatch-failed", "standin-tpl-dispatch-failed", p => new()
        {
            ["thing1"] = "任务无人承接", ["time2"] = SmsTemplates.Day(p, "date"), ["thing3"] = SmsTemplates.Name(p, "reason", "DispatchFailureReason"),
        }),
        new(NotificationRules.Escalation, "standin-tpl-escalation", p => new()
        {
            ["thing1"] = SmsTemplates.Short(p.GetValueOrDefault("originalTitle") ?? "紧急通知", 20), ["number2"] = p.GetValueOrDefault("level") ?? "",
            ["phrase3"] = "待确认",
        }),
    }.ToDictionary(t => t.Rule);

    public static bool Has(string rule) => ByRule.ContainsKey(rule);

    /// <summary>The template id and keyword values of a rule's notification, or null when the rule has none.</summary>
    public static (string TemplateId, Dictionary<string, string> Data)? For(string rule, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> configuredIds) =>
        ByRule.TryGetValue(rule, out var template)
            ? (configuredIds.GetValueOrDefault(rule) ?? template.DefaultId, template.Data(parameters))
            : null;
}
