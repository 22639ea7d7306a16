using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>
/// The texts every service says alike: the titles of its problems, the Chinese of the shared
/// validation phrases, record kinds, and the contracts' enum values by name (BuildingBlocks does not
/// reference the contracts; the unit tests check every value has its Chinese).
/// </summary>
public static class SharedTexts
{
    public static readonly LocalText InvalidRequest = new("请求中有字段填写有误", "One or more fields are invalid.");
    public static readonly LocalText UnreadableRequest = new("无法读取请求", "The request could not be read.");
    public static readonly LocalText RuleRefused = new("业务规则不允许此操作", "A rule refused the command.");
    public static readonly LocalText NotFound = new("{0}不存在", "{0} not found.");
    public static readonly LocalText NotFoundDetail = new("{0} {1} 不存在，或不在您的查看范围内。", "{0} {1} does not exist.");
    public static readonly LocalText Changed = new("记录在您读取后已被修改", "The record changed since you read it.");
    public static readonly LocalText ChangedDetail = new("已有另一处修改先保存。请重新加载后再试。", "Another change was saved first. Reload it and try again.");
    public static readonly LocalText DuplicateId = new("已存在相同编号的记录", "A record with this id already exists.");
    public static readonly LocalText DuplicateIdDetail = new("请为新记录生成新的编号；重复提交同一请求不会重复创建。",
        "Generate a new id for a new record; sending the same request again creates nothing twice.");
    public static readonly LocalText Unauthorized = new("未登录", "Unauthorized");
    public static readonly LocalText Forbidden = new("无权执行此操作", "Forbidden");
    public static readonly LocalText TooManyRequests = new("请求过于频繁", "Too many requests");
    public static readonly LocalText TooManyRequestsDetail = new("该用户或地址的请求超出了服务允许的频率，请在 Retry-After 所示时间后重试。",
        "This user or address sent more requests than the service accepts; retry after the time in Retry-After.");
    public static readonly LocalText Unavailable = new("服务暂不可用", "Service unavailable");
    public static readonly LocalText UnavailableDetail = new("服务暂时无法处理请求，请在 Retry-After 所示时间后重试。",
        "The service cannot answer right now; retry after the time in Retry-After.");
    public static readonly LocalText TooLarge = new("请求内容过大", "The request body is too large.");
    public static readonly LocalText TooLong = new("网址过长", "The URL is too long.");
    public static readonly LocalText InternalError = new("服务内部出错", "Something went wrong on our side.");
    public static readonly LocalText InternalErrorDetail = new("这是我们的问题，已记录。请稍后重试，或把 traceId 告诉管理员。",
        "This is our fault and it is logged. Try again later, or give the traceId to an administrator.");

    /// <summary>A status the framework answered by itself (405, 406, 415 …): its zh-CN and en title.</summary>
    public static LocalText? StatusTitle(int status) => status switch
    {
        400 => UnreadableRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => new("未找到", "Not Found"),
        405 => new("不支持此请求方法", "Method Not Allowed"),
        406 => new("无法提供所要求的格式", "Not Acceptable"),
        409 => new("请求与当前状态冲突", "Conflict"),
        412 => new("前提条件不成立", "Precondition Failed"),
        413 => TooLarge,
        414 => TooLong,
        415 => new("不支持的内容类型", "Unsupported Media Type"),
        422 => RuleRefused,
        429 => TooManyRequests,
        500 => InternalError,
        503 => Unavailable,
        _ => null,
    };

    /// <summary>
    /// For a problem the framework wrote by itself (a bare 401/403/405 from the status-code pages,
    /// or its default validation title): the title and detail in the reader's language. Problems
    /// that already carry our own title are left as they are.
    /// </summary>
    public static void SayStatusInReaderLanguage(HttpContext http, ProblemDetails problem)
    {
        var language = http.AnswerInReaderLanguage();
        if (problem.Status is not { } status) return;
        var texts = http.RequestServices.GetService(typeof(TextCatalogues)) as TextCatalogues;
        if (problem.Title is null || FrameworkTitles.Contains(problem.Title))
        {
            problem.Title = problem is HttpValidationProblemDetails ? InvalidRequest.In(language) : StatusTitle(status)?.In(language) ?? problem.Title;
            // A bare role refusal (the authorization layer's 403) stays without detail: that tells it from an endpoint's own refusal.
            if (status == 503) problem.Detail ??= UnavailableDetail.In(language);
        }
        else if (texts is not null)
            problem.Title = texts.Say(problem.Title, language);
        // An endpoint's own English detail (a scope refusal): its Chinese from the catalogues, where there is one.
        if (texts is not null && problem.Detail is { } detail) problem.Detail = texts.Say(detail, language);
    }

    /// <summary>The titles ASP.NET Core gives problems it writes itself (ProblemDetailsDefaults).</summary>
    private static readonly HashSet<string> FrameworkTitles = new(StringComparer.Ordinal)
    {
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Not Acceptable", "Request Timeout",
        "Conflict", "Gone", "Precondition Failed", "Payload Too Large", "Content Too Large", "URI Too Long", "Unsupported Media Type",
        "Unprocessable Entity", "Unprocessable Content", "Too Many Requests", "An error occurred while processing your request.",
        "Service Unavailable", "One or more validation errors occurred.",
    };

    /// <summary>A validation message in the reader's language: in Chinese a sentence naming the field.</summary>
    public static string FieldMessage(string field, Phrase message, TextCatalogues texts, ReaderLanguage language)
    {
        if (language == ReaderLanguage.En) return message.English;
        var said = texts.Say(message, language);
        return said == message.English ? $"字段“{field}”有误：{said}" : $"字段“{field}”{said}";
    }

    public static readonly TextCatalogue Catalogue = new("shared")
    {
        Phrases =
        {
            // RequestValidator and ExpectedVersion
            ["is required."] = "为必填项。",
            ["is required and must be a non-empty id."] = "为必填项，且不能是全零编号。",
            ["must be at most {0} characters."] = "最多 {0} 个字符。",
            ["must have at most {0} items."] = "最多 {0} 项。",
            ["must be {0} or more."] = "必须大于或等于 {0}。",
            ["must be between {0} and {1}."] = "必须介于 {0} 与 {1} 之间。",
            ["must be the stream version as an entity tag, e.g. \"{0}\"."] = "必须是记录版本号的实体标记，例如 \"{0}\"。",
            ["must not be the empty id."] = "不能是全零编号。",
            ["must not contain the empty id."] = "不能包含全零编号。",
            ["is required, between {0} and {1}."] = "为必填项，取值介于 {0} 与 {1} 之间。",
            ["is required, a whole number between {0} and {1}."] = "为必填项，须为 {0} 到 {1} 之间的整数。",
            ["must be a whole number between {0} and {1}."] = "必须是 {0} 到 {1} 之间的整数。",
            ["must be a {0}-digit district code, e.g. {1}."] = "必须是 {0} 位区县代码，例如 {1}。",
            ["must be a {0}-digit township code, e.g. {1}."] = "必须是 {0} 位乡镇（街道）代码，例如 {1}。",
            ["must be an e-mail address."] = "必须是电子邮箱地址。",
            ["must be a phone number."] = "必须是电话号码。",
            ["must name at least one day."] = "至少选择一天。",
            ["must be a month as yyyy-MM, e.g. {0}."] = "必须是 yyyy-MM 格式的月份，例如 {0}。",
            ["must be a month from {0} to {1}."] = "必须是 {0} 至 {1} 之间的月份。",
            ["is required for an administrator."] = "管理员必须填写此项。",
            // ProblemDetailsMapping: what the framework could not read
            ["is required: send a JSON object."] = "为必填项：请发送一个 JSON 对象。",
            ["cannot be read from \"{0}\"."] = "无法从 \"{0}\" 读取。",
            ["is not valid JSON ({0})."] = "不是有效的 JSON（{0}）。",
            ["has a value that cannot be read ({0})."] = "的值无法读取（{0}）。",
            ["must be one of: {0}."] = "必须是以下之一：{0}。",
            ["has a value that cannot be read as {0}."] = "的值无法读取为{0}。",
            ["line {0}, position {1}"] = "第 {0} 行第 {1} 个字符",
            ["unknown position"] = "位置不明",
            ["an id (GUID)"] = "编号（GUID）",
            ["a time with offset (ISO 8601)"] = "带时区的时间（ISO 8601）",
            ["a date (YYYY-MM-DD)"] = "日期（YYYY-MM-DD）",
            ["a whole number"] = "整数",
            ["a number"] = "数字",
            ["text"] = "文本",
            ["true or false"] = "true 或 false",
            ["the expected shape"] = "所需的格式",
            ["The request body is larger than the limit of {0} bytes."] = "请求内容超过 {0} 字节的上限。",
            ["Request body too large. The max request body size is {0} bytes."] = "请求内容过大，上限为 {0} 字节。",
            ["The URL is {0} characters long; this service reads at most {1}."] = "网址长 {0} 个字符；本服务最多读取 {1} 个字符。",
        },
        Codes =
        {
            // Record kinds, as RecordNotFound names them ("kind.Case").
            ["kind.Activity"] = "活动",
            ["kind.Alarm"] = "预警",
            ["kind.Assessment"] = "评估",
            ["kind.Case"] = "个案",
            ["kind.Caseworker"] = "社工",
            ["kind.Consent"] = "授权同意",
            ["kind.Delivery"] = "配送任务",
            ["kind.District"] = "区县",
            ["kind.Hours report"] = "服务时长报告",
            ["kind.Household"] = "家庭户",
            ["kind.Need"] = "需求",
            ["kind.Notification"] = "通知",
            ["kind.Offer"] = "服务资源",
            ["kind.Provider"] = "服务提供方",
            ["kind.Record"] = "记录",
            ["kind.Referral"] = "转介",
            ["kind.Staff member"] = "工作人员",
            ["kind.Station"] = "社工站",
            ["kind.Visit"] = "探访",
            ["kind.Volunteer"] = "志愿者",
            ["kind.Webhook"] = "Webhook 回调",
        },
        Names =
        {
            ["ClientGroup.Elderly"] = "老年人",
            ["ClientGroup.Child"] = "儿童",
            ["ClientCategory.EmptyNest"] = "空巢",
            ["ClientCategory.LivesAlone"] = "独居",
            ["ClientCategory.AdvancedAge"] = "高龄",
            ["ClientCategory.ExtremelyPoor"] = "特困",
            ["ClientCategory.WidowedOrChildless"] = "孤寡",
            ["ClientCategory.ChildInDifficulty"] = "困境儿童",
            ["ClientCategory.LeftBehind"] = "留守",
            ["ClientCategory.Disabled"] = "残疾",
            ["NeedCategory.MealDelivery"] = "助餐送餐",
            ["NeedCategory.Companionship"] = "陪伴探访",
            ["NeedCategory.HomeCleaning"] = "居家清洁",
            ["NeedCategory.Tutoring"] = "课业辅导",
            ["NeedCategory.Counselling"] = "心理疏导",
            ["NeedCategory.MedicalCheck"] = "健康检查",
            ["NeedCategory.Goods"] = "物资",
            ["NeedCategory.FinancialAid"] = "经济救助",
            ["NeedCategory.Escort"] = "陪同出行",
            ["Urgency.Routine"] = "常规",
            ["Urgency.Soon"] = "较急",
            ["Urgency.Urgent"] = "紧急",
            ["Recurrence.Once"] = "一次",
            ["Recurrence.Daily"] = "每天",
            ["Recurrence.Weekly"] = "每周",
            ["Recurrence.Monthly"] = "每月",
            ["RiskLevel.Low"] = "低风险",
            ["RiskLevel.Medium"] = "中风险",
            ["RiskLevel.High"] = "高风险",
            ["StaffRole.Caseworker"] = "社工",
            ["StaffRole.Supervisor"] = "督导",
            ["StaffRole.Coordinator"] = "协调员",
            ["StaffRole.DistrictOfficer"] = "区县值班员",
            ["ReferralCancelCause.NeedWithdrawn"] = "需求已撤回",
            ["ReferralCancelCause.CaseClosed"] = "个案已结案",
            ["ReferralCancelCause.OfferWithdrawn"] = "服务方撤回了资源",
            ["ReferralCancelCause.OfferExpired"] = "资源已过期",
            ["SharingRevocationCause.ConsentWithdrawn"] = "授权已撤回",
            ["SharingRevocationCause.ConsentExpired"] = "授权已过期",
            ["SharingRevocationCause.CaseClosed"] = "个案已结案",
            ["SharingRevocationCause.ClientDataErased"] = "服务对象资料已删除",
            ["ReferralStep.AwaitingApproval"] = "等待审批",
            ["ReferralStep.AwaitingAcceptance"] = "等待接受",
            ["ReferralStep.Accepted"] = "已接受",
            ["ReferralStep.InService"] = "服务中",
            ["Wellbeing.Fine"] = "良好",
            ["Wellbeing.Concern"] = "需关注",
            ["MissReason.NoAnswerAtDoor"] = "敲门无人应答",
            ["MissReason.RecipientAway"] = "服务对象外出",
            ["MissReason.Refused"] = "服务对象拒收",
            ["MissReason.VolunteerNoShow"] = "志愿者未到",
            ["MissReason.Unwell"] = "服务对象身体不适",
            ["MissReason.Other"] = "其他原因",
        },
    };
}
