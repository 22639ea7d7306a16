using FiveSocieties.BuildingBlocks.Sms;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Delivery.Sms;

/// <summary>
/// Sends a notification's SMS: to the number its recipient's post or consent allows now, on the
/// rule's approved template, within the recipient's daily cap unless it is an urgent alarm. The
/// notification's id is the platform's OutId, so its delivery receipt finds the notification.
/// </summary>
public sealed class SmsSender(AliyunSmsClient client, NotificationSettings settings)
{
    public async Task<SendResult> SendAsync(IQuerySession session, Notification notification, Recipient? recipient, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!client.Configured) return new SendResult(false, false, 0, "the SMS channel is not configured (Sms:Enabled and its settings)");
        if (recipient is null) return new SendResult(false, false, 0, "recipient not in the directory");
        var preferences = recipient.EffectivePreferences;
        var (phone, refusal) = SmsPolicy.PhoneFor(recipient.Kind, preferences, notification.Rule, notification.Urgency);
        if (phone is null) return new SendResult(false, false, 0, refusal!);
        if (notification.Urgency != Urgency.Urgent
            && await SentTodayAsync(session, recipient.Id, preferences.TimeZone, now, ct) >= settings.Sms.DailyCap)
            return new SendResult(false, false, 0, $"daily SMS cap of {settings.Sms.DailyCap} reached for this recipient");
        var (code, variables) = SmsTemplates.For(notification.Rule, notification.Parameters, settings.Sms.TemplateCodes)!.Value;
        var result = await client.SendAsync(new SmsMessage(phone, code, variables, notification.Id.ToString("N")), ct);
        return new SendResult(result.Accepted, false, result.Tries,
            result.Accepted ? $"accepted by the platform (BizId {result.BizId})" : $"{result.Code}: {result.Message} after {result.Tries} tries");
    }

    /// <summary>SMS sent to the recipient since midnight in their time zone.</summary>
    private static async Task<int> SentTodayAsync(IQuerySession session, Guid recipientId, string timeZone, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        return await session.Query<Notification>().CountAsync(n => n.RecipientId == recipientId && n.SmsSentAt != null && n.SmsSentAt >= midnight, ct);
    }
}
