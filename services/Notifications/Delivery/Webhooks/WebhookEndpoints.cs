using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.BuildingBlocks.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FiveSocieties.Notifications.Delivery.Webhooks;

/// <summary>POST /webhooks: a URL and a secret (16–200 characters). A provider user registers for their organisation.</summary>
public sealed record RegisterWebhookRequest(Guid? Id, [property: Required] string? Url, [property: Required] string? Secret);

public sealed record WebhookView(Guid Id, Guid OwnerId, string Url, DateTimeOffset RegisteredAt);

public static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks", RegisterAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Register a webhook: every notification of yours (or your provider's) is POSTed there, signed with HMAC-SHA256.");
        app.MapGet("/webhooks", ListAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Your webhooks (secrets are never shown).");
        app.MapDelete("/webhooks/{id:guid}", RemoveAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Remove a webhook (its owner, or an admin): no more deliveries, and its secret is shredded.");
    }

    public static Guid OwnerOf(CurrentUser user) => user.IsIn(Roles.Provider) && user.ProviderId is { } provider ? provider : user.Id;

    private static async Task<Results<Ok<WebhookView>, Created<WebhookView>>> RegisterAsync(
        RegisterWebhookRequest request, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var url = validator.RequiredText(request.Url, "url", 2000);
        if (url.Length > 0)
            validator.Check(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "url", "must be an absolute http(s) URL.");
        var secret = validator.RequiredText(request.Secret, "secret", 200);
        if (secret.Length > 0) validator.Check(secret.Length >= 16, "secret", "must be at least 16 characters.");
        validator.Check(request.Id != Guid.Empty, "id", "must not be the empty id.");
        validator.ThrowIfInvalid();

        var id = request.Id ?? Guid.CreateVersion7();
        // The webhook (is this a repeat?) and its key in one round trip.
        var batch = session.CreateBatchQuery();
        var webhookRead = batch.Load<Webhook>(id);
        var keyRead = batch.Load<SubjectKey>(id);
        await batch.Execute(ct);
        var (existing, key) = (await webhookRead, await keyRead);
        var current = existing?.SecretWith(key);
        // The webhook's own key: inserted with the registration, deleted with the removal.
        var sealedSecret = existing is null ? PersonalData.Seal(key ?? PersonalData.NewKey(session, id, clock), secret) : "";
        var command = new RegisterWebhook(id, OwnerOf(user), url, secret, sealedSecret, user.Id, clock.GetUtcNow());
        var decision = await session.DecideAsync<Webhook>(id, state => WebhookDecider.Decide(state, current, command), ct);
        await session.SaveChangesAsync(ct);
        if (decision.ChangedNothing) return TypedResults.Ok(new WebhookView(id, existing!.OwnerId, existing.Url, existing.RegisteredAt));
        return TypedResults.Created($"/webhooks/{id}", new WebhookView(id, command.OwnerId, command.Url, command.At));
    }

    private static async Task<Ok<List<WebhookView>>> ListAsync(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct)
    {
        var owner = OwnerOf(CurrentUser.From(principal));
        var hooks = await session.Query<Webhook>().Where(w => w.OwnerId == owner && w.RemovedAt == null).OrderBy(w => w.RegisteredAt).ToListAsync(ct);
        return TypedResults.Ok(hooks.Select(w => new WebhookView(w.Id, w.OwnerId, w.Url, w.RegisteredAt)).ToList());
    }

    /// <summary>Someone else's webhook answers 404, as if it did not exist; removing twice is fine.</summary>
    private static async Task<NoContent> RemoveAsync(Guid id, ClaimsPrincipal principal, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var webhook = await session.LoadAsync<Webhook>(id, ct);
        if (webhook is null || (webhook.OwnerId != OwnerOf(user) && !user.IsIn(Roles.Admin))) throw new RecordNotFound("Webhook", id);
        await session.DecideAsync<Webhook>(id, state => WebhookDecider.Decide(state, new RemoveWebhook(user.Id, clock.GetUtcNow())), ct,
            webhook.Version);
        session.Delete<SubjectKey>(id);
        await session.SaveChangesAsync(ct);
        // A secret registered in clear has no key to delete: mask it in the event instead (again on
        // a repeated removal, should the first have stopped between the commit and this).
        if (webhook.RegisteredInClear)
            await session.DocumentStore.Advanced.ApplyEventDataMasking(masking => masking.IncludeStream(id), ct);
        return TypedResults.NoContent();
    }
}
