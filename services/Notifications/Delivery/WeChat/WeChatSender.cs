using FiveSocieties.BuildingBlocks.WeChat;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Notifications;

namespace FiveSocieties.Notifications.Delivery.WeChat;

/// <summary>What a WeChat send came to, and the refusal (with the openid and template it was for) that marks the binding.</summary>
public sealed record WeChatSent(SendResult Result, MarkWeChatBindingRefused? Refused);

/// <summary>Sends a notification's subscription notification to the openid its recipient's binding holds now, on the rule's template.</summary>
public sealed class WeChatSender(WeChatClient client, NotificationSettings settings)
{
    public async Task<WeChatSent> SendAsync(Notification notification, WeChatBinding? binding, DateTimeOffset now, CancellationToken ct)
    {
        if (!client.Configured) return new(new SendResult(false, false, 0, "the WeChat channel is not configured (WeChat:Enabled and its settings)"), null);
        var (openId, refusal) = WeChatPolicy.OpenIdFor(binding, notification.Rule, notification.Urgency);
        if (openId is null) return new(new SendResult(false, false, 0, refusal!), null);
        var (templateId, data) = WeChatTemplates.For(notification.Rule, notification.Parameters, settings.WeChat.TemplateIds)!.Value;
        var result = await client.SendAsync(new WeChatSubscribeMessage(openId, templateId, null, data), ct);
        var detail = result.Accepted
            ? "accepted by the platform"
            : $"errcode {result.ErrCode}{(result.Refusal == WeChatRefusal.None ? "" : $" ({result.Refusal})")}: {result.ErrMsg} after {result.Tries} tries";
        var refused = result.Refusal == WeChatRefusal.None ? null : new MarkWeChatBindingRefused(openId, result.Refusal, result.ErrCode, templateId, now);
        return new(new SendResult(result.Accepted, false, result.Tries, detail), refused);
    }
}
