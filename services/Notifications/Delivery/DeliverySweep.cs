using System.Text.Json;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Delivery.Email;
using FiveSocieties.Notifications.Delivery.Sms;
using FiveSocieties.Notifications.Delivery.WeChat;
using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using Marten;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.Notifications.Delivery;

/// <summary>
/// Makes the external deliveries that are due (e-mail, webhooks, WeChat, SMS): quiet hours over, or
/// a circuit that was open may be tried again. Each pass records Attempted and then Delivered or
/// DeadLettered on the notification's stream, at the version it read (a second sweeper loses); a
/// WeChat refusal also marks the person's binding, in the same commit.
/// </summary>
public sealed class DeliverySweep(
    IDocumentStore store, WebhookSender webhooks, EmailSender email, SmsSender sms, WeChatSender wechat, NotificationSettings settings,
    ILogger<DeliverySweep> logger)
    : IPeriodicSweep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Notification> due;
        Addresses addresses;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<Notification>().Where(n => n.NextDeliveryAt != null && n.NextDeliveryAt <= now)
                .OrderBy(n => n.NextDeliveryAt).Take(200).ToListAsync(cancellationToken);
            if (due.Count == 0) return;
            addresses = await Addresses.ForAsync(query, due, cancellationToken);
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (notification, ct) =>
            {
                try
                {
                    await DeliverAsync(notification, addresses, now, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Most likely another sweeper recorded it first; what is still pending stays due.
                    logger.LogWarning(e, "Delivery of notification {Id} not recorded", notification.Id);
                }
            });
    }

    private async Task DeliverAsync(Notification notification, Addresses addresses, DateTimeOffset now, CancellationToken ct)
    {
        var preferences = addresses.Recipients.GetValueOrDefault(notification.RecipientId)?.EffectivePreferences ?? Preferences.Default;
        var item = InboxItem.From(notification, preferences.Language);
        var attempts = new List<RecordAttempt>();
        MarkWeChatBindingRefused? refused = null;
        foreach (var planned in notification.Pending.Where(p => p.NotBefore <= now))
        {
            var result = planned.Channel switch
            {
                Channel.Webhook => await SendToWebhookAsync(addresses, planned.WebhookId, notification, item, ct),
                Channel.Email when preferences.Email is { } address =>
                    await email.SendAsync(address, new Rules.RenderedMessage(item.Language, item.Title, item.Body, item.Actions), notification.Id, ct),
                Channel.Sms => await SendSmsAsync(notification, addresses, now, ct),
                Channel.WeChat => await SendWeChatAsync(notification, addresses, now, sent => refused = sent.Refused, ct),
                _ => new SendResult(false, false, 0, "no e-mail address"),
            };
            var outcome = result.Delivered ? AttemptOutcome.Delivered : result.CircuitOpen ? AttemptOutcome.CircuitOpen : AttemptOutcome.Failed;
            attempts.Add(new RecordAttempt(planned.Channel, planned.WebhookId, outcome, result.Tries, result.Detail, now,
                result.CircuitOpen ? now + settings.Webhooks.BreakDuration : null));
        }
        if (attempts.Count == 0) return;
        await using var session = store.LightweightSession();
        await session.DecideAsync<Notification>(notification.Id,
            state => attempts.SelectMany(a => NotificationDecider.Decide(state, a)).ToList(), ct, notification.Version);
        if (refused is not null)
            await session.DecideAsync<WeChatBinding>(notification.RecipientId, state => WeChatBindingDecider.Decide(state, refused), ct);
        await session.SaveChangesAsync(ct);
    }

    private async Task<SendResult> SendWeChatAsync(Notification notification, Addresses addresses, DateTimeOffset now, Action<WeChatSent> sent,
        CancellationToken ct)
    {
        var result = await wechat.SendAsync(notification, addresses.Bindings.GetValueOrDefault(notification.RecipientId), now, ct);
        sent(result);
        return result.Result;
    }

    private async Task<SendResult> SendSmsAsync(Notification notification, Addresses addresses, DateTimeOffset now, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await sms.SendAsync(query, notification, addresses.Recipients.GetValueOrDefault(notification.RecipientId), now, ct);
    }

    private async Task<SendResult> SendToWebhookAsync(Addresses addresses, Guid? webhookId, Notification notification, InboxItem item,
        CancellationToken ct)
    {
        var webhook = webhookId is { } id ? addresses.Webhooks.GetValueOrDefault(id) : null;
        var secret = webhook is { Active: true } ? webhook.SecretWith(addresses.Keys.GetValueOrDefault(webhook.Id)) : null;
        if (webhook is null || secret is null) return new SendResult(false, false, 0, "webhook no longer registered");
        var body = JsonSerializer.Serialize(new { notification.RecipientId, Notification = item }, Json);
        return await webhooks.SendAsync(webhook, secret, notification.Id, body, ct);
    }

    /// <summary>Where a sweep's due notifications go: their recipients, webhooks and the webhooks' keys, read in one round trip.</summary>
    private sealed record Addresses(
        IReadOnlyDictionary<Guid, Recipient> Recipients, IReadOnlyDictionary<Guid, Webhook> Webhooks, IReadOnlyDictionary<Guid, SubjectKey> Keys,
        IReadOnlyDictionary<Guid, WeChatBinding> Bindings)
    {
        public static async Task<Addresses> ForAsync(IQuerySession session, IReadOnlyList<Notification> due, CancellationToken ct)
        {
            var webhookIds = due.SelectMany(n => n.Pending).Select(p => p.WebhookId).OfType<Guid>().Distinct().ToArray();
            var batch = session.CreateBatchQuery();
            var recipients = batch.LoadMany<Recipient>().ById(due.Select(n => n.RecipientId).Distinct().ToArray());
            var webhooks = batch.LoadMany<Webhook>().ById(webhookIds);
            var keys = batch.LoadMany<SubjectKey>().ById(webhookIds);
            var bindings = batch.LoadMany<WeChatBinding>()
                .ById(due.Where(n => n.Pending.Any(p => p.Channel == Channel.WeChat)).Select(n => n.RecipientId).Distinct().ToArray());
            await batch.Execute(ct);
            return new Addresses((await recipients).ToDictionary(r => r.Id), (await webhooks).ToDictionary(w => w.Id),
                (await keys).ToDictionary(k => k.Id), (await bindings).ToDictionary(b => b.Id));
        }
    }
}
