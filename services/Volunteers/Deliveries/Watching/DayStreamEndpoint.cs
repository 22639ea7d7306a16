using System.Security.Claims;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Deliveries.Planning;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FiveSocieties.Volunteers.Deliveries.Watching;

/// <summary>
/// GET /deliveries/stream?date=: a station's day as server-sent events, one <c>event: delivery</c>
/// (a <see cref="DeliveryListItem"/>) each time a delivery of that day changes, for the dispatch
/// board. Delivery changes are not notifications, so they never reach the inbox stream; and a
/// station's day is a few hundred rows at most, so each stream re-reads its day every two seconds
/// and sends what moved, instead of a broadcaster: any replica serves any board, nothing to wire.
/// A client that reconnects reloads the day (the list), so the stream keeps no positions.
/// </summary>
public static class DayStreamEndpoint
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static void MapDayStream(this IEndpointRouteBuilder api) =>
        api.MapGet("/deliveries/stream", StreamAsync)
            .RequireRoles(Roles.Supervisor, Roles.Coordinator, Roles.Admin)
            .ProducesContent("text/event-stream", OpenApiAnswers.Body.Text)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's day live: server-sent events, one `event: delivery` per changed delivery of that date (?date=, ?stationId= for an admin).");

    private static async Task StreamAsync(HttpContext http, ClaimsPrincipal principal, IDocumentStore store, IOptions<JsonOptions> json,
        CancellationToken ct, DateOnly? date = null, Guid? stationId = null)
    {
        var user = CurrentUser.From(principal);
        var validator = new RequestValidator();
        var day = validator.Required(date, "date");
        validator.Check(stationId != Guid.Empty, "stationId", "must not be the empty id.");
        validator.ThrowIfInvalid();
        var station = user.StationToRead(stationId);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var seen = await ReadAsync(store, day, station, ct);
        try
        {
            await http.Response.WriteAsync("retry: 2000\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            var quietSince = DateTimeOffset.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                // The cadence of a poll, not a time of the domain: real time even under a test's clock.
                await Task.Delay(Every, ct);
                var now = await ReadAsync(store, day, station, ct);
                var changed = now.Values.Where(d => !seen.TryGetValue(d.Id, out var before) || before.Version != d.Version).ToList();
                seen = now;
                foreach (var delivery in changed)
                    await http.Response.WriteAsync(
                        $"event: delivery\ndata: {JsonSerializer.Serialize(DeliveryListItem.From(delivery), json.Value.SerializerOptions)}\n\n", ct);
                if (changed.Count == 0 && DateTimeOffset.UtcNow - quietSince < KeepAlive) continue;
                if (changed.Count == 0) await http.Response.WriteAsync(": keep-alive\n\n", ct);
                quietSince = DateTimeOffset.UtcNow;
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The board went away.
        }
    }

    private static async Task<Dictionary<Guid, Delivery>> ReadAsync(IDocumentStore store, DateOnly day, Guid station, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.Query<Delivery>().Where(d => d.Date == day && d.StationId == station).ToListAsync(ct)).ToDictionary(d => d.Id);
    }
}
