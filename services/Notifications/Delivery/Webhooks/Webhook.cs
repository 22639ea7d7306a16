// A registered webhook: a URL and a shared secret; every notification of its owner (a person or
// a provider organisation) is POSTed there, signed.
using FiveSocieties.BuildingBlocks.Domain;
using JasperFx.Events;

namespace FiveSocieties.Notifications.Delivery.Webhooks;

public sealed record WebhookRegistered(Guid WebhookId, Guid OwnerId, string Url, string Secret, Guid RegisteredBy, DateTimeOffset At);

public sealed record Webhook(Guid Id, Guid OwnerId, string Url, string Secret, DateTimeOffset RegisteredAt, long Version)
{
    public static Webhook Create(IEvent<WebhookRegistered> e) =>
        new(e.Data.WebhookId, e.Data.OwnerId, e.Data.Url, e.Data.Secret, e.Data.At, e.Version);
}

public sealed record RegisterWebhook(Guid WebhookId, Guid OwnerId, string Url, string Secret, Guid By, DateTimeOffset At);

public static class WebhookDecider
{
    /// <summary>A repeat with the same id and content changes nothing; the same id for something else is refused.</summary>
    public static IReadOnlyList<object> Decide(Webhook? state, RegisterWebhook command)
    {
        if (state is null) return [new WebhookRegistered(command.WebhookId, command.OwnerId, command.Url, command.Secret, command.By, command.At)];
        if (state.OwnerId == command.OwnerId && state.Url == command.Url && state.Secret == command.Secret) return [];
        throw new DomainRuleViolation("webhook.id-taken", "Another webhook already has this id.");
    }
}
