using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.Volunteers;

/// <summary>
/// What the Volunteers service's English texts for people read as in Chinese: its rules by code
/// and its validation phrases. Placeholders are the English text's holes, in the order they appear there.
/// </summary>
public static class VolunteersTexts
{
    public static readonly TextCatalogue Catalogue = new("Volunteers")
    {
        Rules =
        {
            ["volunteer.id-taken"] = "志愿者 {0} 已登记，且资料不同。",
            ["volunteer.erased"] = "志愿者 {0} 的个人信息已删除：不再记录其任何内容。",
            ["availability.slot-ends-before-start"] = "时段 {0:HH\\:mm} 至 {1:HH\\:mm} 的结束时间早于开始时间。",
            ["availability.slot-without-days"] = "时段至少要包含一周中的一天。",
            ["action.occurred-in-the-future"] = "操作时间不能晚于现在。",
            ["action.occurred-too-long-ago"] = "离线操作最多在发生后 {0} 小时内提交。",
            ["hours.in-the-future"] = "只能为今天或已过去的日期申报服务时长。",
            ["hours.report-rejected"] = "该申报已被驳回，不能再确认。",
            ["hours.report-confirmed"] = "该申报已确认并已记入时间银行。",
            ["hours.out-of-range"] = "服务时长必须大于 0 且不超过 {0} 小时。",
            ["delivery.not-accepted"] = "请先接受该配送任务。",
            ["delivery.not-picked-up"] = "只有在食堂取餐后，配送才能标记为完成。",
            ["delivery.not-offered"] = "该配送任务没有派给您。",
            ["delivery.not-your-task"] = "该配送任务属于另一位志愿者。",
            ["delivery.reassigned"] = "调度员已将该配送任务改派给另一位志愿者。",
            ["volunteer.not-active"] = "该志愿者已暂停服务，任务不再派给他/她。",
            ["delivery.picked-up"] = "餐食已取走：由携带餐食的志愿者完成这次配送。",
            ["visit.window-ends-before-start"] = "探访时段的结束时间必须晚于开始时间。",
            ["task.background-check-required"] = "涉及儿童的任务需要背景审查已通过的志愿者。",
            ["task.skill-missing"] = "该志愿者未登记陪伴探访技能。",
        },
        Phrases =
        {
            // An endpoint's own refusal (403), as its problem's detail says it.
            ["You may plan only your own station's deliveries."] = "您只能安排本站的配送。",
            ["You may register volunteers only for your own station."] = "您只能为本站登记志愿者。",
            ["is required (an empty list clears the availability)."] = "为必填项（空列表表示清除可服务时间）。",
            ["is required when there is a concern."] = "在有需关注情况时为必填项。",
            ["must be NoAnswerAtDoor, RecipientAway, Refused, Unwell or Other."] = "必须是 NoAnswerAtDoor、RecipientAway、Refused、Unwell 或 Other。",
            ["must be a latitude in [{0}, {1}] and a longitude in [{2}, {3}]."] = "纬度须在 [{0}, {1}] 之间，经度须在 [{2}, {3}] 之间。",
            ["must be language tags such as zh-CN."] = "必须是语言标记，例如 zh-CN。",
            ["must be more than {0} and at most {1}."] = "必须大于 {0} 且不超过 {1}。",
            ["must be your own user id."] = "必须是您本人的用户编号。",
            ["must name at least one skill."] = "至少选择一项技能。",
        },
    };
}
