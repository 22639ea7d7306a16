using System.Diagnostics;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FiveSocieties.Cli.Bench;

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
