using System.Diagnostics;
using System.Text.Json;

namespace FiveSocieties.Cli.Measuring;

/// <summary>Reads a Notifications inbox stream (server-sent events) for the benchmarks and the simulator.</summary>
public static class InboxStreamReader
{
    /// <summary>
    /// Hands each notification to <paramref name="arrived"/> with the Stopwatch timestamp of its
    /// arrival, and each event id to <paramref name="seen"/> (for Last-Event-ID), until the stream
    /// ends or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public static async Task ReadAsync(Stream stream, Action<JsonElement, long> arrived, Action<string>? seen, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) seen?.Invoke(line[4..]);
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var now = Stopwatch.GetTimestamp();
            using var item = JsonDocument.Parse(line.AsMemory(6));
            arrived(item.RootElement, now);
        }
    }

    /// <summary>
    /// Keeps one user's inbox stream open until cancelled: reconnects with Last-Event-ID when it
    /// drops (so nothing is lost), asking <paramref name="client"/> for a fresh client — and so a
    /// fresh token — each time. <paramref name="connected"/> fires once the first response is in,
    /// so a caller can wait until everyone listens before it starts causing notifications.
    /// </summary>
    public static async Task ListenAsync(Func<HttpClient> client, Action<JsonElement, long> arrived, CancellationToken cancellationToken,
        Action? connected = null)
    {
        string? lastEventId = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var http = client();
                http.Timeout = Timeout.InfiniteTimeSpan;
                using var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/stream");
                if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                connected?.Invoke();
                connected = null;
                await ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), arrived, id => lastEventId = id, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken); // reconnect with Last-Event-ID: nothing is lost
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
