// A registered webhook: a URL and a shared secret; every notification of its owner (a person or
// a provider organisation) is POSTed there, signed. The secret is sealed at rest (AES-256-GCM
// with the webhook's own key in the Privacy key store): events and documents never hold it in
// clear, and removing the webhook deletes its key, so the secret in its history is unreadable.
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Privacy;

namespace FiveSocieties.Notifications.Delivery.Webhooks;

/// <summary>
/// <see cref="SealedSecret"/>: the secret sealed with the webhook's key (PersonalData.Seal).
/// <see cref="Secret"/>: the secret in clear, as events written before secrets were sealed at rest
/// hold it (and no sealed one); null in every event since. Such a webhook is still delivered to,
/// and its removal masks the clear secret in this event, as deleting the key shreds a sealed one.
/// </summary>
public sealed record WebhookRegistered(Guid WebhookId, Guid OwnerId, string Url, string? SealedSecret, Guid RegisteredBy, DateTimeOffset At,
    string? Secret = null);

/// <summary>Its owner (or an admin) removed it: no more deliveries; its key is deleted with it.</summary>
public sealed record WebhookRemoved(Guid WebhookId, Guid RemovedBy, DateTimeOffset At);

/// <summary><see cref="SecretInClear"/>: only a webhook registered before secrets were sealed has one, until it is removed.</summary>
public sealed record Webhook(Guid Id, Guid OwnerId, string Url, string? SealedSecret, DateTimeOffset RegisteredAt, long Version,
    DateTimeOffset? RemovedAt = null, string? SecretInClear = null)
{
    public bool Active => RemovedAt is null;

    /// <summary>Registered before secrets were sealed at rest: its removal must mask the secret in its event.</summary>
    public bool RegisteredInClear => SealedSecret is null;

    /// <summary>The secret in clear: opened with its key (null when the key is gone: removed), or as registered in clear.</summary>
    public string? SecretWith(SubjectKey? key) => RegisteredInClear ? SecretInClear : PersonalData.Open(key, SealedSecret);

    public static Webhook Create(WebhookRegistered e) =>
        new(e.WebhookId, e.OwnerId, e.Url, e.SealedSecret, e.At, 1, SecretInClear: e.Secret);

    public Webhook Apply(WebhookRemoved e) => this with { RemovedAt = e.At, SecretInClear = null };
}

/// <summary><paramref name="Secret"/> in clear (to compare with a repeat), <paramref name="SealedSecret"/> for the event.</summary>
public sealed record RegisterWebhook(Guid WebhookId, Guid OwnerId, string Url, string Secret, string SealedSecret, Guid By, DateTimeOffset At);
public sealed record RemoveWebhook(Guid By, DateTimeOffset At);

public static class WebhookDecider
{
    /// <summary>
    /// A repeat with the same id and content changes nothing; the same id for something else, or
    /// for a removed webhook, is refused. <paramref name="currentSecret"/>: the registered secret in clear.
    /// </summary>
    public static IReadOnlyList<object> Decide(Webhook? state, string? currentSecret, RegisterWebhook command)
    {
        if (state is null)
            return [new WebhookRegistered(command.WebhookId, command.OwnerId, command.Url, command.SealedSecret, command.By, command.At)];
        if (state.Active && state.OwnerId == command.OwnerId && state.Url == command.Url && currentSecret == command.Secret) return [];
        throw new DomainRuleViolation("webhook.id-taken", state.Active ? "Another webhook already has this id." : "This webhook was removed; register a new one.");
    }

    /// <summary>Removing a removed webhook changes nothing.</summary>
    public static IReadOnlyList<object> Decide(Webhook? state, RemoveWebhook command) =>
        state is null ? throw new RecordNotFound("Webhook", "unknown")
        : state.Active ? [new WebhookRemoved(state.Id, command.By, command.At)]
        : [];
}
