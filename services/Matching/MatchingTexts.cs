using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Matching;

/// <summary>
/// What the Matching service's English texts for people read as in Chinese: its rules by code,
/// its validation phrases and its candidates' reasons by code. Placeholders are the English
/// text's holes, in the order they appear there.
/// </summary>
public static partial class MatchingTexts
{
    public static readonly TextCatalogue Catalogue = new("Matching")
    {
        Rules =
        {
            ["provider.credit-code-taken"] = "已有服务提供方使用此统一社会信用代码。",
            ["provider.id-taken"] = "服务提供方 {0} 已存在，且内容不同。",
            ["offer.id-taken"] = "服务资源 {0} 已存在，且内容不同。",
            ["offer.validity-inverted"] = "服务资源的结束日期不能早于开始日期。",
            ["offer.age-range-inverted"] = "最大年龄低于最小年龄。",
            ["offer.capacity-below-allocated"] = "已占用 {0} 个名额，容量不能低于此数。",
            ["offer.no-free-capacity"] = "“{1}”的全部 {0} 个名额已满。",
            ["offer.not-active"] = "该服务资源已撤回或已过期，不再可用。",
            ["offer.provider-unknown"] = "服务提供方 {0} 未登记。",
            ["referral.cannot-decline"] = "当前转介{1}，不能由您拒绝。",
            ["referral.not-awaiting-approval"] = "只有{0}的转介才能批准；当前转介{2}。",
            ["referral.not-awaiting-acceptance"] = "只有{0}的转介才能接受；当前转介{2}。",
            ["referral.not-accepted"] = "只有{0}的转介才能开始服务；当前转介{2}。",
            ["referral.not-in-service"] = "只有{0}的转介才能结束服务；当前转介{2}。",
            ["referral.provider-only"] = "只有接收该转介的服务提供方才能执行此操作。",
            ["referral.station-staff-only"] = "只有该需求的社工或其所在社工站的督导才能执行此操作。",
        },
        Codes =
        {
            // What an HSDS import did without, by the note's code.
            ["import.no-credit-code"] = "没有 {0} 标识：登记时不带统一社会信用代码。",
            ["import.no-provider-kind"] = "没有 {0} 分类：按{1}登记。",
            ["import.no-contact"] = "没有联系人：以机构名称代替，没有电话。",
            ["import.no-phone"] = "没有电话。",
            ["import.category-from-name"] = "没有 {0} 分类：按名称或简介中提到的{1}登记。",
            ["import.no-category"] = "没有 {0} 分类，名称和简介中也没有提到类别：不作为服务资源导入。",
            ["import.no-capacity"] = "没有容量（HSDS 3.1 字段）：暂按 {0} 个名额登记，请在服务提供方门户中修改。",
            ["import.no-location"] = "没有地点：只按服务区域匹配，不计距离。",
            ["import.no-coordinates"] = "坐标不可用（纬度 {0}，经度 {1}）：只按服务区域匹配，不计距离。",
            ["import.no-area-code"] = "没有带唯一 {0} 属性（区县、乡镇或网格）的名称：不用于匹配。",
            // Why a candidate fits (its score's parts too), by the reason's code.
            ["reason.area.grid"] = "服务网格 {0}",
            ["reason.area.township"] = "服务乡镇（街道）{0}",
            ["reason.area.district"] = "服务区县 {0}",
            ["reason.area.anywhere"] = "服务范围不限地区",
            ["reason.age"] = "年龄 {0} 岁，在 {1}–{2} 岁范围内",
            ["reason.age.unknown"] = "此处不知道服务对象的年龄：审批时请核对年龄限制",
            ["reason.category"] = "服务对象属于{0}",
            ["reason.ability.unknown"] = "服务对象的能力等级尚未评估：审批时请核对",
            ["reason.capacity"] = "共 {1} 个名额，尚余 {0} 个",
            ["reason.urgency"] = "{0}需求（+{1}）",
            ["reason.risk"] = "评估为{0}（+{1}）",
            ["reason.risk.unknown"] = "风险未评估（+{0}）",
            ["reason.lives-alone"] = "独居（+10）",
            ["reason.waiting"] = "已等待 {0:0} 天（+{1:0.0}）",
            ["reason.distance"] = "距服务点 {0:0.0} 公里（+{1:0.0}）",
            ["reason.distance.unknown"] = "距离未知（+5.0）",
            ["reason.provider-load"] = "服务方已用 {0:0}% 的容量（+{1:0.0}）",
            // Why an offer was excluded, by the reason's code (the rule's code is on the wire beside it).
            ["reason.excluded.category"] = "提供{0}，而需求是{1}",
            ["reason.excluded.area"] = "不服务 {0}/{1}/{2}",
            ["reason.excluded.validity.not-started"] = "自 {0:yyyy-MM-dd} 起提供，晚于 {1:yyyy-MM-dd}",
            ["reason.excluded.validity.ended"] = "已于 {0:yyyy-MM-dd} 结束",
            ["reason.excluded.eligibility.group"] = "面向{0}，不面向{1}",
            ["reason.excluded.eligibility.age.below"] = "面向 {0} 岁及以上；服务对象 {1} 岁",
            ["reason.excluded.eligibility.age.above"] = "面向 {0} 岁及以下；服务对象 {1} 岁",
            ["reason.excluded.eligibility.category"] = "面向{0}服务对象",
            ["reason.excluded.eligibility.ability"] = "面向能力等级 {0}；服务对象为 {1} 级",
            ["reason.excluded.capacity"] = "全部 {0} 个名额已满",
        },
        Phrases =
        {
            // An endpoint's own refusal, as its problem's title or detail says it.
            ["You may offer resources only for your own provider."] = "您只能为自己所代表的服务提供方发布资源。",
            ["You may register only the provider you act for."] = "您只能登记自己所代表的服务提供方。",
            ["The data package is too large."] = "数据包过大",
            ["any"] = "不限",
            // A referral's state, as its rules name it.
            ["awaiting the caseworker's approval"] = "正在等待社工审批",
            ["awaiting the provider's acceptance"] = "正在等待服务方接受",
            ["accepted"] = "已被接受",
            ["in service"] = "正在服务中",
            ["completed"] = "已完成",
            ["declined"] = "已被拒绝",
            ["cancelled"] = "已取消",
            ["expired"] = "已过期",
            ["is required and must be a GUID."] = "为必填项，且须为 GUID。",
            ["must be ability levels {0}–{1}."] = "必须是 {0}–{1} 级的能力等级。",
            ["must be after schedule.from."] = "必须晚于 schedule.from。",
            ["must list at least one organization."] = "至少列出一个机构。",
            ["must name at most {0} referrals."] = "最多列出 {0} 个转介。",
            ["must not be before validFrom."] = "不能早于 validFrom。",
            ["must not be before valid_from."] = "不能早于 valid_from。",
            ["must not be below minAge."] = "不能小于 minAge。",
            ["must not be below minimum_age."] = "不能小于 minimum_age。",
            ["must not contain empty codes."] = "不能包含空代码。",
            ["must be WEEKLY when byday is given."] = "填写 byday 时必须是 WEEKLY。",
            ["is required (HH:mm) with byday."] = "填写 byday 时为必填项（HH:mm）。",
            ["is required (HH:mm), after opens_at."] = "为必填项（HH:mm），且晚于 opens_at。",
            ["is a required column and is missing from the header."] = "是必需的列，表头中缺少此列。",
            ["is empty: it needs at least a header row."] = "为空：至少需要一行表头。",
            ["is listed in datapackage.json but not in the zip."] = "在 datapackage.json 中列出，但压缩包中没有。",
            ["is not valid JSON: {0}"] = "不是有效的 JSON：{0}",
            ["{0} appears more than once."] = "{0} 出现了多次。",
            ["must be the id of the provider you act for: a provider imports only its own organization."] = "必须是您所代表的服务提供方的编号：服务提供方只能导入本机构的信息。",
            ["{0} appears on an earlier row."] = "{0} 已在前面的行中出现。",
            ["{0} is not an id in {1}."] = "{0} 不是 {1} 中的编号。",
            ["\"{0}\" is not a UUID."] = "“{0}”不是 UUID。",
            ["\"{0}\" is not a {1} ({2})."] = "“{0}”不是有效的 {1}（{2}）。",
            ["has \"{0}\"; use MO, TU, WE, TH, FR, SA, SU."] = "含有“{0}”；请使用 MO、TU、WE、TH、FR、SA、SU。",
            ["has a {0} term \"{1}\" that is not known."] = "含有未知的 {0} 术语“{1}”。",
            ["has {0} fields; the header has {1}."] = "有 {0} 个字段，而表头有 {1} 个。",
            ["must be \"active\" (only active services are offers)."] = "必须是“active”（只有有效的服务才是服务资源）。",
            ["must have a \"resources\" array."] = "必须包含“resources”数组。",
            ["must list the {0} resource ({1})."] = "必须列出 {0} 资源（{1}）。",
            ["needs a name and one relative path inside the zip."] = "需要名称和压缩包内的一个相对路径。",
            ["needs a name and one {0} attribute: district, township or grid."] = "需要名称和一个 {0} 属性：district、township 或 grid。",
            ["must carry exactly one {0} term, one of: {1}."] = "必须有且只有一个 {0} 术语，取值之一：{1}。",
        },
    };
}
