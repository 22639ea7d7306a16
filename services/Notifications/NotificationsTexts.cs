using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Notifications;

/// <summary>
/// What the Notifications service's English texts for people read as in Chinese: its rules by
/// code and its validation phrases (the notifications themselves have their own templates, in Rules/Templates).
/// </summary>
public static class NotificationsTexts
{
    public static readonly TextCatalogue Catalogue = new("Notifications")
    {
        Rules =
        {
            ["webhook.id-taken"] = "该 Webhook 编号已被使用，或该 Webhook 已删除；请注册新的 Webhook。",
            ["report.district-not-yours"] = "区县 {0} 不在您的范围内：您只能查看区县 {1} 的报表和记录。",
            ["notification.not-urgent"] = "只有紧急通知需要确认；请将此通知标为已读。",
        },
        Names =
        {
            ["DispatchFailureReason.NoVolunteerAvailable"] = "暂无可用志愿者",
            ["DispatchFailureReason.AllVolunteersDeclined"] = "志愿者均已婉拒",
        },
        Phrases =
        {
            ["Not your district."] = "不是您所在的区县",
            ["You read the alarms of district {0} only."] = "您只能查看区县 {0} 的预警。",
            ["a supervisor's token must carry a station claim (escalations go to a station's supervisors)."] =
                "督导的登录凭据必须包含所属社工站（上报会发给社工站的督导）。",
            ["is required when channels include Email."] = "选择电子邮件渠道时为必填项。",
            ["is required when channels include Sms."] = "选择短信渠道时为必填项。",
            ["must be a mainland China mobile number of 11 digits, e.g. 13812345678."] = "必须是 11 位中国大陆手机号码，例如 13812345678。",
            ["has no SMS template; rules with one: {0}."] = "该规则没有短信模板；有短信模板的规则：{0}。",
            ["must be the openid the WeChat sign-in gave (6–64 letters, digits, - or _)."] = "须为微信登录所得的 openid（6–64 个字母、数字、- 或 _）。",
            ["WeChat is reached through a binding (PUT /wechat-binding), not chosen here."] = "微信渠道通过绑定开通（PUT /wechat-binding），不在此处选择。",
            ["must be a time of day as HH:mm, e.g. {0}:{1}."] = "必须是 HH:mm 格式的时刻，例如 {0}:{1}。",
            ["must be an IANA time zone, e.g. Asia/Shanghai."] = "必须是 IANA 时区，例如 Asia/Shanghai。",
            ["must be an absolute http(s) URL."] = "必须是完整的 http(s) 网址。",
            ["must be at least {0} characters."] = "至少 {0} 个字符。",
            ["must be open or all."] = "必须是 open 或 all。",
            ["must be zh-CN or en."] = "必须是 zh-CN 或 en。",
            ["quiet hours need both quietFrom and quietTo."] = "免打扰时段须同时填写 quietFrom 和 quietTo。",
        },
    };
}
