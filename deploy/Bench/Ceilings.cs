using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FiveSocieties.Bench;

/// <summary>The raw ceilings of this machine, measured by the same process in the same run.</summary>
public static class Ceilings
{
    /// <summary>Single-row INSERT commits per second from <paramref name="clients"/> concurrent connections.</summary>
    public static async Task<double> PostgresCommitsPerSecond(string connectionString, int clients, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand(
            "drop table if exists bench_raw; create table bench_raw(id bigserial primary key, stream uuid not null, body jsonb not null)"))
            await setup.ExecuteNonQueryAsync();

        var body = "{\"streamId\":\"" + Guid.NewGuid() + "\",\"number\":1}";
        var stop = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("insert into bench_raw(stream, body) values ($1, $2::jsonb)", connection)
            {
                Parameters = { new() { Value = Guid.Empty }, new() { Value = body } },
            };
            var n = 0;
            while (stop.Elapsed < duration)
            {
                insert.Parameters[0].Value = Guid.NewGuid();
                await insert.ExecuteNonQueryAsync();
                n++;
            }
            return n;
        }));
        return counts.Sum() / stop.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The latency floor of a notification's path with nothing of the service on it: messages
    /// published on RabbitMQ at <paramref name="rate"/> a second (persistent, into a quorum queue),
    /// each consumed (8 at once, manual acks, prefetch 64) into a transaction of its own — an insert
    /// and a NOTIFY, one round trip — and received by a LISTEN connection. The milliseconds from
    /// publish to the notice's arrival, sorted, of the <c>Measured</c> messages sent after the warm-up
    /// (one not arrived within 30 s has none). What the service adds on top: its rules and
    /// directory read, the notification streams, the inbox, and the SSE hop to the client.
    /// </summary>
    public static async Task<(double[] Latencies, int Measured)> RawPathLatencies(Uri broker, string connectionString, int rate, TimeSpan warmup, TimeSpan duration)
    {
        const string queue = "fivesoc-bench-raw-path", channel = "fivesoc_bench_raw_path";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand(
            "drop table if exists bench_raw_path; create table bench_raw_path(id uuid primary key, body jsonb not null)"))
            await setup.ExecuteNonQueryAsync();

        var published = new ConcurrentDictionary<Guid, long>();
        var arrived = new ConcurrentDictionary<Guid, long>();
        await using var listener = await dataSource.OpenConnectionAsync();
        listener.Notification += (_, e) => arrived.TryAdd(Guid.Parse(e.Payload), Stopwatch.GetTimestamp());
        await using (var listen = new NpgsqlCommand($"listen {channel}", listener)) await listen.ExecuteNonQueryAsync();
        using var stopListening = new CancellationTokenSource();
        // Waits in slices (a notice mid-slice is raised at once): cancelling an Npgsql wait breaks its connection.
        var listening = Task.Run(async () =>
        {
            while (!stopListening.IsCancellationRequested) await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        });

        var factory = new ConnectionFactory { Uri = broker, ConsumerDispatchConcurrency = 8 };
        await using var connection = await factory.CreateConnectionAsync("fivesoc-bench-raw-path");
        await using (var admin = await connection.CreateChannelAsync())
        {
            await admin.QueueDeleteAsync(queue);
            await admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        }
        await using var consumeChannel = await connection.CreateChannelAsync();
        await consumeChannel.BasicQosAsync(0, 64, false);
        var consumer = new AsyncEventingBasicConsumer(consumeChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = Encoding.UTF8.GetString(delivery.Body.Span);
            Guid id;
            using (var message = JsonDocument.Parse(body)) id = message.RootElement.GetProperty("id").GetGuid();
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into bench_raw_path(id, body) values ($1, $2::jsonb)")
            {
                Parameters = { new() { Value = id }, new() { Value = body } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"notify {channel}, '{id}'"));
            await batch.ExecuteNonQueryAsync();
            await consumeChannel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await consumeChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        await using var publishChannel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var padding = new string('x', 800);
        await Pacing.SendAsync(rate, warmup + duration, (_, elapsed) => Publish(measured: elapsed >= warmup));
        var wait = Stopwatch.StartNew();
        while (!published.Keys.All(arrived.ContainsKey) && wait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);

        await stopListening.CancelAsync();
        await listening;
        await using (var admin = await connection.CreateChannelAsync()) await admin.QueueDeleteAsync(queue);
        var latencies = published.Where(p => arrived.ContainsKey(p.Key))
            .Select(p => Stopwatch.GetElapsedTime(p.Value, arrived[p.Key]).TotalMilliseconds).Order().ToArray();
        return (latencies, published.Count);

        async Task Publish(bool measured)
        {
            var id = Guid.NewGuid();
            var body = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"padding\":\"{padding}\"}}");
            if (measured) published[id] = Stopwatch.GetTimestamp();
            await publishChannel.BasicPublishAsync("", queue, mandatory: false, properties, body);
        }
    }

    /// <summary>
    /// Removes the bench sink's queues: they are durable and outlive the bench database, and
    /// every ping of a run fans out to both of them, so a later run would start behind a backlog.
    /// </summary>
    public static async Task DeleteSinkQueuesAsync(Uri broker)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync("fivesoc-bench-cleanup");
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in new[] { "bench-sink-bench-ping", "bench-sink-plain-ping", "bench-sink-bench-ping_error", "bench-sink-plain-ping_error" })
            await channel.QueueDeleteAsync(queue);
    }

    /// <summary>
    /// Messages per second through RabbitMQ with RabbitMQ.Client alone: persistent messages of
    /// <paramref name="bodyBytes"/> published with confirms (<paramref name="inFlight"/> awaited
    /// at once, as the relay does) into a quorum queue, consumed with manual acks and prefetch 64.
    /// </summary>
    public static async Task<double> RabbitConfirmAndConsumePerSecond(Uri broker, int messages, int inFlight, int bodyBytes)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync("fivesoc-bench-raw");
        const string queue = "fivesoc-bench-raw";
        await using (var admin = await connection.CreateChannelAsync())
        {
            await admin.QueueDeleteAsync(queue);
            await admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        }

        var received = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumeChannel = await connection.CreateChannelAsync();
        await consumeChannel.BasicQosAsync(0, 64, false);
        var consumer = new AsyncEventingBasicConsumer(consumeChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumeChannel.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == messages) allReceived.TrySetResult();
        };
        await consumeChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        await using var publishChannel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = Encoding.UTF8.GetBytes(new string('x', bodyBytes));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        using var gate = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var publishes = new List<Task>(messages);
        for (var i = 0; i < messages; i++)
        {
            await gate.WaitAsync();
            publishes.Add(Publish());
        }
        await Task.WhenAll(publishes);
        await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var rate = messages / clock.Elapsed.TotalSeconds;

        await using (var admin = await connection.CreateChannelAsync()) await admin.QueueDeleteAsync(queue);
        return rate;

        async Task Publish()
        {
            try { await publishChannel.BasicPublishAsync("", queue, mandatory: false, properties, body); }
            finally { gate.Release(); }
        }
    }
}
