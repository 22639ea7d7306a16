using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using Marten;

namespace FiveSocieties.Notifications.Delivery;

public sealed record DeliveryFailure(Guid NotificationId, Guid RecipientId, string Rule, Channel Channel, Guid? WebhookId, string Reason,
    DateTimeOffset At);

public static class FailuresEndpoint
{
    /// <summary>GET /deliveries/failures (admins): dead-lettered e-mails and webhook calls, newest first.</summary>
    public static void MapDeliveryFailures(this IEndpointRouteBuilder app) =>
        app.MapGet("/deliveries/failures", async (IQuerySession session, CancellationToken ct, int? limit) =>
            {
                var validator = new RequestValidator();
                var take = limit ?? 100;
                validator.Check(take is >= 1 and <= 1000, "limit", "must be between 1 and 1000.");
                validator.ThrowIfInvalid();
                var failed = await session.Query<Notification>().Where(n => n.DeadLetters.Any())
                    .OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(ct);
                return TypedResults.Ok(failed
                    .SelectMany(n => n.DeadLetters.Select(d => new DeliveryFailure(n.Id, n.RecipientId, n.Rule, d.Channel, d.WebhookId, d.Reason, d.At)))
                    .OrderByDescending(f => f.At).Take(take).ToList());
            })
            .RequireRoles(Roles.Admin)
            .WithSummary("Dead-lettered deliveries (webhooks, e-mail) for operators.");
}
