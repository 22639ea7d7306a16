using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Cases;

/// <summary>
/// What the Cases service's English texts for people read as in Chinese: its rules by code, its
/// validation phrases, its timeline entries by kind and its own enum values. Placeholders are the
/// English text's holes, in the order they appear there.
/// </summary>
public static partial class CasesTexts
{
    public static readonly TextCatalogue Catalogue = new("Cases")
    {
        Rules =
        {
            ["activity.id-taken"] = "活动 {0} 已存在，且内容不同。",
            ["activity.ends-before-start"] = "活动的结束时间必须晚于开始时间。",
            ["activity.case-closed"] = "个案已结案的服务对象不能报名；请先重新开案。",
            ["activity.wrong-group"] = "该活动面向{0}，此服务对象属于{1}。",
            ["activity.over"] = "活动已结束，不能再报名。",
            ["activity.full"] = "全部 {0} 个名额已满。",
            ["activity.not-enrolled"] = "只有已报名的服务对象才能签到；未报名：{0}。",
            ["activity.not-on-that-day"] = "活动日期为 {0:yyyy-MM-dd} 至 {1:yyyy-MM-dd}，不包括 {2:yyyy-MM-dd}。",
            ["activity.attendance-in-future"] = "签到须在活动当天或之后记录，不能提前。",
            ["assessment.id-taken"] = "评估 {0} 已存在，且内容不同。",
            ["assessment.case-closed"] = "已结案的个案不能评估；请先重新开案。",
            ["assessment.adl-invalid"] = "Barthel 日常生活能力评分为 0 至 100、以 5 为步长；{0} 不是有效分值。",
            ["assessment.difficulty-type-required"] = "儿童评估须注明困境类型（贫困、残疾或缺乏监护）。",
            ["assessment.difficulty-type-not-for-elderly"] = "困境类型只用于困境儿童，不用于老年人。",
            ["case.id-taken"] = "个案 {0} 已存在，且内容不同。",
            ["case.category-not-for-group"] = "{0} 不适用于{1}服务对象。",
            ["case.closed"] = "已结案的个案不能转交；请先重新开案。",
            ["case.not-closed"] = "只有已结案的个案才能重新开案。",
            ["case.client-not-registered"] = "家庭户 {1} 的成员 {0} 尚未登记；请先登记家庭户。",
            ["need.id-taken"] = "需求 {0} 已存在，且内容不同。",
            ["need.case-closed"] = "已结案的个案不能提出需求；请先重新开案。",
            ["need.already-open"] = "该个案已有一项未完成的{0}需求；请修改或撤回它，不要重复提出。",
            ["need.fulfilled"] = "已满足的需求不能撤回。",
            ["consent.id-taken"] = "授权同意 {0} 已存在，且内容不同。",
            ["consent.case-closed"] = "已结案的个案不能记录授权同意；请先重新开案。",
            ["consent.guardian-required"] = "儿童的授权同意须由监护人作出。",
            ["consent.guardian-unnamed"] = "监护人作出的授权同意须写明监护人。",
            ["consent.already-expired"] = "授权同意的有效期必须截止于将来。",
            ["consent.client-not-registered"] = "只有登记为家庭成员的服务对象，才能共享其配送信息。",
            ["plan.case-closed"] = "已结案的个案没有可处理的服务计划；请先重新开案。",
            ["plan.no-goals"] = "服务计划至少要有一个目标。",
            ["plan.review-date-not-future"] = "复核日期 {0:yyyy-MM-dd} 必须晚于今天（{1:yyyy-MM-dd}）。",
            ["plan.nothing-proposed"] = "没有待审批的服务计划。",
            ["visit.id-taken"] = "探访 {0} 已存在，且内容不同。",
            ["visit.case-closed"] = "已结案的个案不能记录探访；请先重新开案。",
            ["visit.in-future"] = "探访须在发生后记录；探访时间不能在将来。",
            ["household.id-taken"] = "家庭户 {0} 已存在，且内容不同。",
            ["household.one-head"] = "家庭户必须有且只有一位户主（与户主关系为“本人”）。",
            ["household.merge-self"] = "家庭户不能合并到自身。",
            ["household.merged"] = "家庭户 {0} 已合并到 {1}。",
            ["staff.already-on-roster"] = "{0} 已在本名册中，岗位为{1}；请改为调整其岗位。",
            ["staff.on-another-roster"] = "{0} 已在另一名册（{1}）中，岗位为{2}；须先离开该名册。",
            ["staff.role-not-for-roster"] = "该名册只包含 {1} 岗位，不包含{2}。",
            ["district.township-of-another-district"] = "{0} 属于其他区县：乡镇（街道）代码以所属区县代码 {1} 开头。",
            ["district.name-differs"] = "区县 {0} 已登记为“{1}”，不是“{2}”。",
            ["district.township-name-differs"] = "{0} 已以其他名称登记。",
            ["station.unknown-township"] = "乡镇（街道）{0} 未在本区县登记；请先登记。",
            ["station.township-taken"] = "乡镇（街道）{0}（{1}）已有社工站 {2}；一个乡镇（街道）只设一个社工站。",
            ["station.id-taken"] = "社工站 {0} 已存在，且内容不同。",
        },
        Phrases =
        {
            ["is required when a supervisor opens the case."] = "在督导开案时为必填项。",
            ["latitude and longitude come together."] = "纬度和经度须同时填写。",
            ["lists township {0} more than once."] = "重复列出了乡镇（街道）{0}。",
            ["member ids must differ."] = "成员编号不能重复。",
            ["must be DistrictOfficer (or left out): a district's roster holds its duty officers only."] =
                "必须是 DistrictOfficer（或不填）：区县名册只包含值班人员。",
            ["must be a past date within {0} years."] = "必须是过去 {0} 年内的日期。",
            ["must be an {0}-character resident ID number with a valid check digit."] = "必须是校验位正确的 {0} 位居民身份证号码。",
            ["must be json or geojson."] = "必须是 json 或 geojson。",
            ["must be names of at most {0} characters."] = "必须是不超过 {0} 个字符的名称。",
            ["must list at least one township."] = "至少列出一个乡镇（街道）。",
            ["must list at least the head of household."] = "至少要列出户主。",
            ["must name at least one client."] = "至少选择一位服务对象。",
            ["name one record: caseId or householdId, the record whose reads to list."] = "请指定一条记录：caseId 或 householdId，即要列出其查阅记录的个案或家庭户。",
            ["must be one of {0}."] = "必须是以下之一：{0}。",
        },
    };
}
