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
    // A sweep sends in parallel and records each send only after it returns, so the store alone
    // would let a burst to one person through the cap: sends are also counted here, per person and
    // local day, under a lock per person. Per replica: two replicas may together exceed it a little.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Recipient, DateOnly Day), int> _counted = new();

    public async Task<SendResult> SendAsync(IQuerySession session, Notification notification, Recipient? recipient, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!client.Configured) return new SendResult(false, false, 0, "the SMS channel is not configured (Sms:Enabled and its settings)");
        if (recipient is null) return new SendResult(false, false, 0, "recipient not in the directory");
        var preferences = recipient.EffectivePreferences;
        var (phone, refusal) = SmsPolicy.PhoneFor(recipient.Kind, preferences, notification.Rule, notification.Urgency);
        if (phone is null) return new SendResult(false, false, 0, refusal!);
        if (notification.Urgency != Urgency.Urgent && !await WithinCapAsync(session, recipient.Id, preferences.TimeZone, now, ct))
            return new SendResult(false, false, 0, $"daily SMS cap of {settings.Sms.DailyCap} reached for this recipient");
        var (code, variables) = SmsTemplates.For(notification.Rule, notification.Parameters, settings.Sms.TemplateCodes)!.Value;
        var result = await client.SendAsync(new SmsMessage(phone, code, variables, notification.Id.ToString("N")), ct);
        return new SendResult(result.Accepted, false, result.Tries,
            result.Accepted ? $"accepted by the platform (BizId {result.BizId})" : $"{result.Code}: {result.Message} after {result.Tries} tries");
    }

    /// <summary>Counts this SMS against the recipient's cap for their local day, or says it is full.</summary>
    private async Task<bool> WithinCapAsync(IQuerySession session, Guid recipientId, string timeZone, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var gate = _locks.GetOrAdd(recipientId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var midnight = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
            var recorded = await session.Query<Notification>()
                .CountAsync(n => n.RecipientId == recipientId && n.SmsSentAt != null && n.SmsSentAt >= midnight, ct);
            var sent = Math.Max(recorded, _counted.GetValueOrDefault((recipientId, day)));
            if (sent >= settings.Sms.DailyCap) return false;
            _counted[(recipientId, day)] = sent + 1;
            foreach (var old in _counted.Keys.Where(k => k.Day < day.AddDays(-1))) _counted.TryRemove(old, out _);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }
}
