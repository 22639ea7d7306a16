using System.Globalization;

namespace FiveSocieties.Volunteers.Deliveries.Confirming;

/// <summary>
/// The evening-before question on the platform's model: an approved template with zh-CN
/// parameters, never free text. The approved text is kept here so a reader sees what arrives.
/// </summary>
public static class MealConfirmationSms
{
    public const string DefaultTemplateCode = "SMS_490021";
    public const string Text = "${date}（明天）${window}的送餐：回复1确认，回复2不需要。";

    /// <summary>"12月8日" and "11:00-12:30" for the delivery's local date and window.</summary>
    public static Dictionary<string, string> Parameters(Delivery delivery) => new()
    {
        ["date"] = $"{delivery.Date.Month}月{delivery.Date.Day}日",
        ["window"] = $"{delivery.WindowFrom.ToString("HH:mm", CultureInfo.InvariantCulture)}-{delivery.WindowTo.ToString("HH:mm", CultureInfo.InvariantCulture)}",
    };
}
