using System.Diagnostics;

namespace FiveSocieties.Bench;

/// <summary>Open-loop load: sends at a steady rate whatever the answers, with as many in flight as that takes.</summary>
public static class Pacing
{
    /// <summary>
    /// Calls <paramref name="send"/> <paramref name="rate"/> times a second for <paramref name="duration"/>
    /// (with the send's number and the time elapsed), then waits for every send; returns how many were sent.
    /// </summary>
    public static async Task<int> SendAsync(int rate, TimeSpan duration, Func<int, TimeSpan, Task> send, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var inFlight = new List<Task>();
        while (clock.Elapsed < duration)
        {
            for (var due = (int)(clock.Elapsed.TotalSeconds * rate); sent < due; sent++) inFlight.Add(send(sent, clock.Elapsed));
            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5, ct);
        }
        await Task.WhenAll(inFlight);
        return sent;
    }
}
