using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;

namespace FiveSocieties.Notifications.Digest;

/// <summary>Sends each digest that is due: one notification listing the day's overdue cases, and the digest marked sent, in one commit.</summary>
public sealed class DigestSweep(IDocumentStore store, Notifier notifier) : IPeriodicSweep
{
    public const string Rule = "visit-overdue.digest";

    public async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var due = await query.Query<VisitDigest>().Where(d => d.SentAt == null && d.SendAt <= now).Take(200).ToListAsync(cancellationToken);
        foreach (var digest in due)
        {
            try
            {
                await SendAsync(digest, now, cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another sweeper sent it (or a case joined it) since it was read: the next sweep looks again.
            }
        }
    }

    private async Task SendAsync(VisitDigest digest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var intent = new NotificationIntent(Rule, new Audience.User(digest.CaseworkerId, RecipientKind.Caseworker), Urgency.Normal,
            Batching.Immediately, digest.Id, digest.StationId, null, new Dictionary<string, string>
            {
                ["cases"] = string.Join(", ", digest.Cases.Select(c => $"{c.CaseId} ({c.DueOn:yyyy-MM-dd})")),
                ["caseCount"] = digest.Cases.Count.ToString(),
                ["day"] = digest.Day.ToString("yyyy-MM-dd"),
            });
        var notificationId = NotificationIds.For(digest.Id, digest.CaseworkerId, Rule);
        await session.DecideAsync<VisitDigest>(digest.Id, s => VisitDigestDecider.Decide(s, new SendDigest(notificationId, now)),
            cancellationToken, digest.Version);
        await notifier.IssueAsync(session, [intent], now, cancellationToken); // last: the inbox is locked until the commit
        await session.SaveChangesAsync(cancellationToken);
    }
}
