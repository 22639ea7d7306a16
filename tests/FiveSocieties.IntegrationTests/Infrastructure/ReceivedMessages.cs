using System.Collections.Concurrent;
using MassTransit;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>
/// How many messages each queue of a service host has finished receiving — consumed (a duplicate
/// included: the inbox makes it a no-op, but it is received all the same) or faulted. A test that
/// must know a redelivered copy has been handled waits on this count, not on the broker's queue
/// statistics, which lag by seconds and can read 0 before the copy arrived.
/// </summary>
public sealed class ReceivedMessages : IReceiveObserver
{
    private readonly ConcurrentDictionary<string, int> _byQueue = new(StringComparer.Ordinal);

    /// <summary>Messages the queue has finished with so far.</summary>
    public int On(string queue) => _byQueue.GetValueOrDefault(queue);

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Count(context);

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Count(context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;

    private Task Count(ReceiveContext context)
    {
        var queue = context.InputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
        _byQueue.AddOrUpdate(queue, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
