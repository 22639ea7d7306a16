using System.Security.Claims;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Notifications.Inbox;
using FiveSocieties.Notifications.Notifications;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// GET /inbox/stream: server-sent events, one <c>event: notification</c> per new notification with
/// <c>id:</c> = its global sequence. A client reconnecting with <c>Last-Event-ID</c> first gets
/// every notification of its inbox after that id from the store (up to what the fan-out has
/// handed out), then the live ones: nothing is lost across a reconnect.
/// </summary>
public static class StreamEndpoint
{
    private const int CatchUpLimit = 1000;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static void MapInboxStream(this IEndpointRouteBuilder app) =>
        app.MapGet("/inbox/stream", StreamAsync).RequireRoles(Roles.All.ToArray())
            .WithSummary("Live notifications as server-sent events; resumable with Last-Event-ID.");

    private static async Task StreamAsync(HttpContext http, ClaimsPrincipal principal, IDocumentStore store, InboxBroadcaster broadcaster,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var lastEventId = LastEventId(http.Request);
        var inboxes = InboxEndpoints.InboxesOf(user);
        string language;
        await using (var query = store.QuerySession()) language = await InboxEndpoints.LanguageOf(query, user, ct);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var (connection, high) = broadcaster.Connect(inboxes);
        try
        {
            await http.Response.WriteAsync("retry: 2000\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            var sent = lastEventId ?? long.MaxValue;
            if (lastEventId is { } after)
            {
                await using var query = store.QuerySession();
                var upTo = high >= 0 ? high : long.MaxValue;
                var missed = await query.Query<Notification>()
                    .Where(n => n.RecipientId.IsOneOf(inboxes) && n.Sequence > after && n.Sequence <= upTo)
                    .OrderBy(n => n.Sequence).Take(CatchUpLimit).ToListAsync(ct);
                foreach (var notification in missed) await WriteAsync(http, notification.Sequence, notification, language, json.Value, ct);
                if (missed.Count > 0) await http.Response.Body.FlushAsync(ct);
                sent = missed.Count > 0 ? missed[^1].Sequence : after;
            }
            var reader = connection.Reader;
            while (await WaitOrKeepAliveAsync(http, reader, ct))
            {
                while (reader.TryRead(out var item))
                    // Before the first page after start-up the fan-out's mark is unknown: skip what the catch-up sent.
                    if (lastEventId is null || item.Sequence > sent || high >= 0)
                        await WriteAsync(http, item.Sequence, item.Notification, language, json.Value, ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            broadcaster.Disconnect(connection);
        }
    }

    /// <summary>
    /// Waits for the next notification; every <see cref="KeepAlive"/> without one, writes an SSE
    /// comment so proxies and load balancers do not close an idle stream.
    /// </summary>
    private static async Task<bool> WaitOrKeepAliveAsync(HttpContext http, System.Threading.Channels.ChannelReader<LiveNotification> reader,
        CancellationToken ct)
    {
        var waiting = reader.WaitToReadAsync(ct).AsTask();
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var quiet = Task.Delay(KeepAlive, idle.Token);
            if (await Task.WhenAny(waiting, quiet) == waiting)
            {
                await idle.CancelAsync(); // drop the timer now, not in 20 s
                return await waiting;
            }
            await http.Response.WriteAsync(": keep-alive\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
        }
    }

    private static long? LastEventId(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrWhiteSpace(raw)) raw = request.Query["lastEventId"].ToString();
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (long.TryParse(raw.Trim(), out var id) && id >= 0) return id;
        throw new InvalidRequest(new Dictionary<string, string[]>
        {
            ["Last-Event-ID"] = ["must be the id of the last event received (a whole number)."],
        });
    }

    private static Task WriteAsync(HttpContext http, long sequence, Notification notification, string language, JsonOptions json,
        CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(InboxItem.From(notification, language) with { Sequence = sequence }, json.SerializerOptions);
        return http.Response.WriteAsync($"id: {sequence}\nevent: notification\ndata: {data}\n\n", Encoding.UTF8, ct);
    }
}

/// <summary>At start, tells the broadcaster how far the fan-out got before this process (its stored progress).</summary>
public sealed class InboxFanOutSeed(IDocumentStore store, InboxBroadcaster broadcaster, ILogger<InboxFanOutSeed> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
            broadcaster.Seed(progress.Where(p => p.ShardName.StartsWith(InboxFanOut.SubscriptionName, StringComparison.Ordinal))
                .Select(p => p.Sequence).DefaultIfEmpty(0).Max());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unknown (database still starting): a reconnecting stream then deduplicates against its own catch-up.
            logger.LogWarning(e, "The live stream's fan-out progress could not be read at start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
