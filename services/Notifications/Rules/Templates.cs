// What each rule says, in zh-CN and en. Placeholders {name} are the rule's parameters.
using System.Text.RegularExpressions;
using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.Notifications.Rules;

public sealed record Template(string ZhTitle, string ZhBody, string EnTitle, string EnBody, IReadOnlyList<string> Actions);

public sealed record RenderedMessage(string Language, string Title, string Body, IReadOnlyList<string> Actions);

public static partial class Templates
{
    public static readonly IReadOnlyDictionary<string, Template> ByRule = new Dictionary<string, Template>
    {
        ["resource-matched"] = new("新资源匹配：{resource}",
            "{provider} 提供的「{resource}」适合您个案中的 {caseCount} 个需求（个案：{cases}）。",
            "New resource: {resource}",
            "{provider} offers \"{resource}\", which fits {caseCount} open need(s) on your caseload (cases: {cases}).", ["view"]),
        ["referral-proposed.approve"] = new("转介待审批：{resource}",
            "系统建议将需求转介至 {provider} 的「{resource}」，请在 {respondBy} 前审批。",
            "Referral to approve: {resource}",
            "A referral to \"{resource}\" by {provider} is proposed. Approve or decline by {respondBy}.", ["approve", "decline"]),
        ["referral-approved.accept"] = new("新转介：{resource}",
            "社工站向「{resource}」转介了一位服务对象，请在 {respondBy} 前接受或拒绝。",
            "New referral: {resource}",
            "A social-work station referred a client to \"{resource}\". Accept or decline by {respondBy}.", ["accept", "decline"]),
        ["referral-accepted"] = new("转介已接受",
            "{provider} 已接受转介（{category}）。",
            "Referral accepted",
            "{provider} accepted the referral ({category}).", ["view"]),
        ["referral-declined"] = new("转介被拒绝",
            "转介被拒绝（{declinedBy}，原因：{reason}），系统将尝试下一个资源。",
            "Referral declined",
            "The referral was declined ({declinedBy}, reason: {reason}); the next candidate will be tried.", ["view"]),
        ["referral-expired"] = new("转介已过期",
            "转介在「{step}」阶段超时，系统将尝试下一个资源。",
            "Referral expired",
            "The referral expired at step {step}; the next candidate will be tried.", ["view"]),
        ["referral-cancelled"] = new("转介已取消：资源不再提供",
            "服务机构撤回了资源或资源已到期，转介在「{step}」阶段取消（{cause}）。该需求已重新开放，系统将尝试下一个资源。",
            "Referral cancelled: the offer is no longer available",
            "The referral was cancelled at step {step} because the offer went away ({cause}); the need is open again and the next candidate will be tried.", ["view"]),
        ["volunteer-dispatched"] = new("新的志愿任务：{date}",
            "{date} {window} 有一项任务（{kind}）派给您，请在 {respondBy} 前接受或拒绝。",
            "New volunteer task: {date}",
            "A task ({kind}) on {date}, {window}, is offered to you. Accept or decline by {respondBy}.", ["accept", "decline"]),
        ["task-reassigned"] = new("任务已改派：{date}",
            "协调员已把您 {date} {window} 的任务（{kind}）改派给其他志愿者，您不必再去。",
            "Task reassigned: {date}",
            "The coordinator gave your task ({kind}) on {date}, {window}, to another volunteer: you need not go.", ["view"]),
        ["delivery-reminder"] = new("明日送餐提醒",
            "提醒：您在 {date} {window} 有送餐任务。",
            "Reminder: delivery tomorrow",
            "Reminder: you have a delivery on {date}, {window}.", ["view"]),
        ["delivery-skipped.volunteer"] = new("送餐取消：{date}",
            "服务对象回复短信表示 {date} 不需要送餐，您 {window} 的送餐任务已取消，您不必再去。",
            "Delivery cancelled: {date}",
            "The household replied by SMS that it needs no meal on {date}: your delivery ({window}) is cancelled and you need not go.", ["view"]),
        ["delivery-skipped"] = new("住户不需要送餐：{date}",
            "一户服务对象回复短信表示 {date} 不需要送餐，{window} 的送餐已在派送前取消。",
            "Household skipped a meal: {date}",
            "A household replied by SMS that it needs no meal on {date}; the delivery ({window}) was cancelled before dispatch.", ["view"]),
        ["meal-skips"] = new("住户连续不需要送餐",
            "一位服务对象自 {since} 起已连续 {count} 次回复短信表示不需要送餐，请了解原因（是否生病、外出或对餐食不满意）。",
            "A household keeps skipping its meals",
            "A client has replied by SMS {count} times in a row since {since} that they need no meal. Please find out why (unwell, away, or unhappy with the meals).", ["view"]),
        ["delivery-missed.lives-alone"] = new("紧急：独居老人送餐未送达",
            "{date} 的送餐未送达一位独居服务对象（原因：{reason}），请立即联系并确认。",
            "URGENT: meal not delivered to someone who lives alone",
            "The meal on {date} did not reach a client who lives alone (reason: {reason}). Check on them now and acknowledge.", ["acknowledge"]),
        ["delivery-concern"] = new("送餐时发现需关注的情况",
            "志愿者 {date} 送餐时记下了让人担心的情况，请查看个案时间线。",
            "A concern from a meal delivery",
            "The volunteer who delivered the meal on {date} noted a concern: see the case's timeline.", ["view"]),
        ["delivery-missed"] = new("送餐未送达",
            "{date} 的送餐未送达（原因：{reason}）。",
            "Meal not delivered",
            "The meal on {date} was not delivered (reason: {reason}).", ["view"]),
        ["dispatch-failed"] = new("紧急：任务无人承接",
            "{date} 的任务无人承接（原因：{reason}），请协调安排。",
            "URGENT: nobody can take a task",
            "Nobody can take the task on {date} (reason: {reason}). Please arrange it.", ["acknowledge"]),
        ["case-break-glass"] = new("他站督导查阅了本站个案",
            "另一社工站的督导（{supervisorId}）说明理由后查阅了本站的一个个案，查阅记录见审计。",
            "Another station's supervisor opened one of your case files",
            "A supervisor of another station ({supervisorId}) opened one of your station's case files, stating a reason; see the audit.", ["view"]),
        ["household-break-glass"] = new("他站督导查阅了本站住户",
            "另一社工站的督导（{supervisorId}）说明理由后查阅了本站住户 {householdId} 的成员信息，查阅记录见审计。",
            "Another station's supervisor opened one of your households",
            "A supervisor of another station ({supervisorId}) opened household {householdId} of your station, stating a reason; see the audit.", ["view"]),
        ["visit-overdue.digest"] = new("今日逾期探访：{caseCount} 个个案",
            "以下个案的探访已逾期：{cases}。",
            "Overdue visits today: {caseCount} case(s)",
            "Visits are overdue for these cases: {cases}.", ["view"]),
        [NotificationRules.NeedUnmatched] = new("紧急：急需尚未匹配到资源",
            "{raisedAt} 提出的紧急需求（{category}）至今未匹配到资源，请设法链接资源或联系服务对象。",
            "URGENT: an urgent need is still unmatched",
            "An urgent need ({category}) raised at {raisedAt} has found no resource yet. Link one by hand or check on the client.", ["acknowledge"]),
        [NotificationRules.Escalation] = new("升级：紧急通知无人确认",
            "一条紧急通知（{originalTitle}）在下级无人确认，已于 {raisedAt} 起升级至您（第 {level} 级），请立即跟进并确认。",
            "Escalated: an urgent notification was not acknowledged",
            "An urgent notification ({originalTitle}) raised at {raisedAt} was not acknowledged below you; it is now with you (level {level}). Follow up and acknowledge.", ["acknowledge"]),
    };

    public static RenderedMessage Render(string rule, string language, IReadOnlyDictionary<string, string> parameters)
    {
        var template = ByRule.TryGetValue(rule, out var t) ? t : new Template(rule, "", rule, "", []);
        var english = language == Preferences.English;
        return new RenderedMessage(english ? Preferences.English : Preferences.Chinese,
            Fill(english ? template.EnTitle : template.ZhTitle, parameters),
            Fill(english ? template.EnBody : template.ZhBody, parameters),
            template.Actions);
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> parameters) =>
        Placeholder().Replace(text, m => parameters.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
