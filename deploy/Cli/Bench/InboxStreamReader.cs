using System.Diagnostics;
using System.Text.Json;

namespace FiveSocieties.Cli.Bench;

/// <summary>Reads a Notifications inbox stream (server-sent events) for the benchmarks.</summary>
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
}
