using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Notifications.Alarms;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using static FiveSocieties.Notifications.Recipients.Readers;

namespace FiveSocieties.Notifications.Inbox;

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, int PageSize, long Total, long Unread);

public sealed record InboxUpdated(Guid Id, long Version);

public static class InboxEndpoints
{
    public static void MapInbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/inbox", ListAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("The signed-in user's notifications (a provider user's include their organisation's), newest first, paged.");
        app.MapPost("/inbox/{id:guid}/read", ReadAsync).RequireRoles(Roles.All.ToArray())
            .Produces<InboxUpdated>()
            .WithSummary("Mark a notification read.");
        app.MapPost("/inbox/{id:guid}/acknowledge", AcknowledgeAsync).RequireRoles(Roles.All.ToArray())
            .Produces<InboxUpdated>()
            .WithSummary("Acknowledge an urgent notification (stops its escalation).");
    }

    private static async Task<Ok<InboxPage>> ListAsync(
        ClaimsPrincipal principal, IQuerySession session, CancellationToken ct, int? page = null, int? pageSize = null, bool? unread = null)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var paging = validator.Paging(page, pageSize);
        validator.ThrowIfInvalid();

        // One round trip: the page with its total, the unread count, and the reader's language.
        var inboxes = InboxesOf(user);
        var batch = session.CreateBatchQuery();
        var query = batch.Query<Notification>().Where(n => n.RecipientId.IsOneOf(inboxes));
        if (unread == true) query = query.Where(n => n.ReadAt == null);
        // A count of its own: query statistics count the rows a page returns, so a page beyond the end would say 0.
        var total = query.Count();
        // One inbox lists in its own numbering, newest first — the order its live stream follows;
        // a provider's user reads two, merged by time.
        var ordered = inboxes.Length == 1
            ? query.OrderByDescending(n => n.Position).ThenByDescending(n => n.CreatedAt)
            : query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Position);
        var items = ordered.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var unreadCount = batch.Query<Notification>().Where(n => n.RecipientId.IsOneOf(inboxes) && n.ReadAt == null).Count();
        var reader = batch.Load<Recipient>(user.Id);
        await batch.Execute(ct);
        var language = LanguageOf(await reader);
        return TypedResults.Ok(new InboxPage((await items).Select(n => InboxItem.From(n, language)).ToList(), paging.Page, paging.PageSize, await total,
            await unreadCount));
    }

    private static Task<IResult> ReadAsync(Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        return store.DecideOverHttpAsync<Notification>(id, http, InInboxOf(user, id),
            state => NotificationDecider.Decide(state, new MarkRead(user.Id, clock.GetUtcNow())), Updated(id), ct);
    }

    /// <summary>
    /// Acknowledging an alarm's notification acknowledges the alarm, in the same commit: its chain
    /// stops for everyone. The escalation sweep may be moving the same alarm at that moment; the
    /// person's acknowledgement is then decided again on what the sweep wrote, not refused.
    /// </summary>
    private static Task<IResult> AcknowledgeAsync(Guid id, ClaimsPrincipal principal, IDocumentStore store, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        return store.DecideOverHttpAsync<Notification>(id, http, InInboxOf(user, id),
            state => NotificationDecider.Decide(state, new Acknowledge(user.Id, now)), Updated(id), ct,
            alongside: async (notification, _, session) =>
            {
                if (notification is { AlarmId: { } alarm, Urgency: Urgency.Urgent })
                    await session.DecideAsync<Alarm>(alarm, state => state is null ? [] : AlarmDecider.Decide(state, new AcknowledgeAlarm(user.Id, now)), ct);
            });
    }

    /// <summary>Someone else's notification answers 404, as if it did not exist.</summary>
    private static Action<Notification> InInboxOf(CurrentUser user, Guid id) => notification =>
    {
        if (!InboxesOf(user).Contains(notification.RecipientId)) throw new RecordNotFound("Notification", id);
    };

    private static Func<Decided<Notification>, IResult> Updated(Guid id) =>
        decided => TypedResults.Ok(new InboxUpdated(id, decided.Decision.Version));
}
