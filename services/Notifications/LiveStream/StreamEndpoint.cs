using System.Security.Claims;
using System.Text;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FiveSocieties.Notifications.LiveStream;

/// <summary>
/// GET /inbox/stream: server-sent events, one <c>event: notification</c> per new notification.
/// Its <c>id:</c> is where the reader has got to in each inbox they read — the position of the
/// last notification sent from it (<see cref="InboxPositions"/>): "42" for one inbox, "42-7" for
/// a provider's user (their own, then their organisation's). A client reconnecting with
/// <c>Last-Event-ID</c> first gets every notification after those positions from the store,
/// then the live ones: nothing is lost across a reconnect, and nothing is sent twice.
/// </summary>
public static class StreamEndpoint
{
    private const int CatchUpPage = 200;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static void MapInboxStream(this IEndpointRouteBuilder app) =>
        app.MapGet("/inbox/stream", StreamAsync).RequireRoles(Roles.All.ToArray())
            .ProducesContent("text/event-stream", OpenApiAnswers.Body.Text)
            .WithSummary("Live notifications as server-sent events; resumable with Last-Event-ID.");

    private static async Task StreamAsync(HttpContext http, ClaimsPrincipal principal, IDocumentStore store, InboxBroadcaster broadcaster,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var inboxes = Readers.InboxesOf(user);
        var resumeAfter = LastEventId(http.Request, inboxes.Length);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        // Registered before the positions are read: whatever commits after that read arrives live.
        var connection = broadcaster.Connect(inboxes);
        try
        {
            string language;
            long[] current;
            await using (var query = store.QuerySession())
            {
                language = await Readers.LanguageOf(query, user, ct);
                current = await InboxPositions.CurrentAsync(query, inboxes, ct);
            }
            var stream = new InboxStream(http, store, inboxes, language, json.Value.SerializerOptions);
            stream.Start(current, resumeAfter);
            await http.Response.WriteAsync("retry: 2000\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            if (resumeAfter is not null) await stream.CatchUpAsync(ct);
            var reader = connection.Reader;
            while (await WaitOrKeepAliveAsync(http, reader, ct))
            {
                while (reader.TryRead(out var item))
                    if (item.Notification is { } notification) await stream.LiveAsync(notification, ct);
                    else await stream.CatchUpAsync(ct);
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
    private static async Task<bool> WaitOrKeepAliveAsync(HttpContext http, System.Threading.Channels.ChannelReader<LiveItem> reader,
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

    /// <summary>Last-Event-ID (or ?lastEventId=): a position per inbox, "-"-separated; a missing one means "from now".</summary>
    private static long?[]? LastEventId(HttpRequest request, int inboxes)
    {
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrWhiteSpace(raw)) raw = request.Query["lastEventId"].ToString();
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var parts = raw.Trim().Split('-');
        var positions = new long?[inboxes];
        var valid = parts.Length <= inboxes;
        for (var i = 0; valid && i < parts.Length; i++)
        {
            // Digits only: no sign, no decimals, no spaces.
            valid = long.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position);
            positions[i] = position;
        }
        if (valid) return positions;
        throw new InvalidRequest(new Dictionary<string, string[]>
        {
            ["Last-Event-ID"] = [inboxes == 1
                ? "must be the id of the last event received (a whole number)."
                : $"must be the id of the last event received (up to {inboxes} whole numbers joined by '-', one per inbox)."],
        });
    }

    /// <summary>One client's stream: where it has got to in each of its inboxes, and how it gets further.</summary>
    private sealed class InboxStream(HttpContext http, IDocumentStore store, Guid[] inboxes, string language, JsonSerializerOptions json)
    {
        private readonly long[] _sent = new long[inboxes.Length];

        private string Id => string.Join('-', _sent);

        /// <summary>
        /// From where the client left off, or from now. A position beyond what an inbox has given
        /// out (an id from another installation, say) counts as now, or the stream would stay
        /// silent until the inbox caught up with it.
        /// </summary>
        public void Start(long[] current, long?[]? resumeAfter)
        {
            for (var i = 0; i < inboxes.Length; i++)
                _sent[i] = resumeAfter?[i] is { } after ? Math.Min(after, current[i]) : current[i];
        }

        /// <summary>Everything committed after what was sent, from the store, inbox by inbox in position order.</summary>
        public async Task CatchUpAsync(CancellationToken ct)
        {
            for (var i = 0; i < inboxes.Length; i++) await CatchUpAsync(i, long.MaxValue, ct);
        }

        /// <summary>
        /// A live notification: sent if it is the next of its inbox; one already sent (or caught
        /// up from the store) is dropped; one beyond a hole first has the hole filled from the
        /// store — its position was taken after the hole's, so they are committed.
        /// </summary>
        public async Task LiveAsync(Notification notification, CancellationToken ct)
        {
            var i = Array.IndexOf(inboxes, notification.RecipientId);
            if (i < 0 || notification.Position <= _sent[i]) return;
            if (notification.Position > _sent[i] + 1) await CatchUpAsync(i, notification.Position - 1, ct);
            await WriteAsync(i, notification, ct);
        }

        private async Task CatchUpAsync(int i, long upTo, CancellationToken ct)
        {
            await using var query = store.QuerySession();
            while (_sent[i] < upTo)
            {
                var (inbox, after) = (inboxes[i], _sent[i]);
                var page = await query.Query<Notification>()
                    .Where(n => n.RecipientId == inbox && n.Position > after && n.Position <= upTo)
                    .OrderBy(n => n.Position).Take(CatchUpPage).ToListAsync(ct);
                foreach (var notification in page) await WriteAsync(i, notification, ct);
                if (page.Count > 0) await http.Response.Body.FlushAsync(ct);
                if (page.Count < CatchUpPage) break;
            }
        }

        private Task WriteAsync(int i, Notification notification, CancellationToken ct)
        {
            _sent[i] = notification.Position;
            var data = JsonSerializer.Serialize(InboxItem.From(notification, language), json);
            return http.Response.WriteAsync($"id: {Id}\nevent: notification\ndata: {data}\n\n", Encoding.UTF8, ct);
        }
    }
}
