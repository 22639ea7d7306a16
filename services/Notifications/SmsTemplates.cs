using System.Globalization;
using FiveSocieties.BuildingBlocks.Texts;
using FiveSocieties.Notifications.Rules;

namespace FiveSocieties.Notifications;

/// <summary>
/// A rule's SMS: a template the platform approved (its code) and the zh-CN values of its
/// variables, drawn from the rule's parameters. The platform sends templates only, never free
/// text, and caps each variable's length, so values are short Chinese words, never ids. Beside
/// the service's texts rather than in Rules: the directory checks people's SMS choices against it.
/// </summary>
public sealed record SmsTemplate(string Rule, string DefaultCode, string ApprovedText, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> Variables);

public static class SmsTemplates
{
    // The approved texts (as submitted to the platform, 短信模板) are kept next to their codes so a reader sees what arrives.
    public static readonly IReadOnlyDictionary<string, SmsTemplate> ByRule = new SmsTemplate[]
    {
        new("delivery-missed.lives-alone", "SMS_490001", "紧急：${date}的送餐未送达一位独居服务对象（${reason}），请立即联系并在系统中确认。",
            p => new() { ["date"] = Day(p, "date"), ["reason"] = Name(p, "reason", "MissReason") }),
        new(NotificationRules.NeedUnmatched, "SMS_490002", "紧急：一项${category}急需至今未匹配到资源，请设法链接资源或联系服务对象，并在系统中确认。",
            p => new() { ["category"] = Name(p, "category", "NeedCategory") }),
        new("dispatch-failed", "SMS_490003", "紧急：${date}的任务无人承接（${reason}），请协调安排并在系统中确认。",
            p => new() { ["date"] = Day(p, "date"), ["reason"] = Name(p, "reason", "DispatchFailureReason") }),
        new(NotificationRules.Escalation, "SMS_490004", "升级：一条紧急通知（${title}）无人确认，已升级至您（第${level}级），请立即跟进并确认。",
            p => new() { ["title"] = Short(p.GetValueOrDefault("originalTitle") ?? "", 20), ["level"] = p.GetValueOrDefault("level") ?? "" }),
        new("volunteer-dispatched", "SMS_490011", "您有一项${date} ${window}的志愿任务，请登录系统接受或拒绝。",
            p => new() { ["date"] = Day(p, "date"), ["window"] = p.GetValueOrDefault("window") ?? "" }),
        new("task-reassigned", "SMS_490012", "您${date} ${window}的任务已改派他人，您不必再去。",
            p => new() { ["date"] = Day(p, "date"), ["window"] = p.GetValueOrDefault("window") ?? "" }),
        new("delivery-reminder", "SMS_490013", "提醒：您在${date} ${window}有送餐任务。",
            p => new() { ["date"] = Day(p, "date"), ["window"] = p.GetValueOrDefault("window") ?? "" }),
    }.ToDictionary(t => t.Rule);

    public static bool Has(string rule) => ByRule.ContainsKey(rule);

    /// <summary>The template code and variables of a rule's SMS (the code as configured, else its default), or null when the rule has none.</summary>
    public static (string Code, Dictionary<string, string> Variables)? For(string rule, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> configuredCodes) =>
        ByRule.TryGetValue(rule, out var template)
            ? (configuredCodes.GetValueOrDefault(rule) ?? template.DefaultCode, template.Variables(parameters))
            : null;

    /// <summary>"2026-12-01" → "12月1日".</summary>
    internal static string Day(IReadOnlyDictionary<string, string> p, string key) =>
        DateOnly.TryParseExact(p.GetValueOrDefault(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? $"{d.Month}月{d.Day}日"
            : p.GetValueOrDefault(key) ?? "";

    /// <summary>An enum value's Chinese name from the shared catalogue ("NoAnswerAtDoor" → 敲门无人应答), else the value.</summary>
    internal static string Name(IReadOnlyDictionary<string, string> p, string key, string enumType)
    {
        var value = p.GetValueOrDefault(key) ?? "";
        return SharedTexts.Catalogue.Names.GetValueOrDefault($"{enumType}.{value}")
               ?? NotificationsTexts.Catalogue.Names.GetValueOrDefault($"{enumType}.{value}")
               ?? value;
    }

    internal static string Short(string text, int length) => text.Length <= length ? text : text[..length];
}
