using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace FiveSocieties.Cli.Errors;

/// <summary>One message MassTransit parked in an error queue, with the fault it wrote into the message's headers.</summary>
public sealed record ParkedMessage(
    string Id, string VirtualHost, string ErrorQueue, string OriginalQueue, DateTimeOffset? At, string? MessageType,
    string ExceptionType, string ExceptionMessage, string StackTrace, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// The messages in RabbitMQ's <c>&lt;queue&gt;_error</c> queues, over AMQP (the management API can only
/// take from the head of a queue, not one message by id): read without taking, taken one by one,
/// moved back to the queue they came from. Nothing is acknowledged until it has been dealt with;
/// every message left unacknowledged goes back to its queue.
/// </summary>
public static class ErrorQueues
{
    public const string Suffix = "_error";

    /// <summary>The fault MassTransit recorded (<c>MT-Fault-*</c>, <c>MT-Reason</c>, <c>MT-Host-*</c>): dropped on replay, as the message never failed on its way in.</summary>
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.Ordinal) || name.StartsWith("MT-Host-", StringComparison.Ordinal) || name == "MT-Reason";

    public static async Task<IReadOnlyList<ParkedMessage>> BrowseAsync(Uri broker, string vhost, string errorQueue, int limit, CancellationToken cancellationToken)
    {
        var seen = new List<ParkedMessage>();
        await TakeAsync(broker, vhost, errorQueue, message =>
        {
            seen.Add(message);
            return false;
        }, act: null, stopAfter: limit, cancellationToken);
        return seen;
    }

    /// <summary>
    /// Goes through <paramref name="errorQueue"/> and takes the messages <paramref name="chosen"/> picks,
    /// after <paramref name="act"/> (if any) has dealt with each; the rest go back. Returns the messages taken.
    /// </summary>
    public static async Task<IReadOnlyList<ParkedMessage>> TakeAsync(Uri broker, string vhost, string errorQueue, Func<ParkedMessage, bool> chosen,
        Func<IChannel, ParkedMessage, BasicGetResult, CancellationToken, Task>? act, int stopAfter = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "fivesoc errors" };
        factory.VirtualHost = vhost;
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        // Confirms with tracking: a replayed message counts as moved only once the broker has it (and it was routable).
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true), cancellationToken);
        var taken = new List<ParkedMessage>();
        ulong lastHeld = 0;
        try
        {
            for (var read = 0; read < stopAfter && await GetAsync(channel, errorQueue, cancellationToken) is { } got; read++)
            {
                var message = Read(vhost, errorQueue, got);
                if (!chosen(message))
                {
                    lastHeld = got.DeliveryTag;
                    continue;
                }
                if (act is not null) await act(channel, message, got, cancellationToken);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
                taken.Add(message);
            }
        }
        finally
        {
            // Everything read and not taken goes back (closing the channel would do it too; this says so).
            if (lastHeld > 0 && channel.IsOpen) await channel.BasicNackAsync(lastHeld, multiple: true, requeue: true, CancellationToken.None);
        }
        return taken;
    }

    /// <summary>The next message, or null when there is none (MassTransit declares an error queue at its first fault: none yet, or one still starting, is empty).</summary>
    private static async Task<BasicGetResult?> GetAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try { return await channel.BasicGetAsync(queue, autoAck: false, cancellationToken); }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404) { return null; }
        // A quorum queue declared a moment ago (at the first fault) has no running process yet: nothing to read in it yet.
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e)
            when (e.ShutdownReason is { ReplyCode: 541 } reason && reason.ReplyText.Contains("noproc", StringComparison.Ordinal)) { return null; }
    }

    /// <summary>Sends the message back to the queue it failed in, as it arrived there (its fault headers dropped).</summary>
    public static async Task ReplayAsync(IChannel channel, ParkedMessage message, BasicGetResult got, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(got.BasicProperties)
        {
            Headers = got.BasicProperties.Headers?.Where(h => !IsFaultHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value),
        };
        // Mandatory: a queue that no longer exists fails the replay instead of dropping the message.
        await channel.BasicPublishAsync("", message.OriginalQueue, mandatory: true, properties, got.Body, cancellationToken);
    }

    private static ParkedMessage Read(string vhost, string errorQueue, BasicGetResult got)
    {
        var headers = (got.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(h => h.Key, h => Text(h.Value));
        var body = Encoding.UTF8.GetString(got.Body.Span);
        string? envelopeId = null, messageType = null;
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (envelope.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (envelope.RootElement.TryGetProperty("messageId", out var id)) envelopeId = id.GetString();
                if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
                    messageType = types[0].GetString();
            }
        }
        catch (JsonException) { } // a body that is not MassTransit's JSON envelope still shows, as text

        var originalQueue = headers.TryGetValue("MT-Fault-InputAddress", out var input) && Uri.TryCreate(input, UriKind.Absolute, out var address)
            ? address.Segments[^1].Trim('/')
            : errorQueue[..^Suffix.Length];
        return new ParkedMessage(
            got.BasicProperties.MessageId ?? envelopeId ?? $"tag-{got.DeliveryTag}", vhost, errorQueue, originalQueue,
            headers.TryGetValue("MT-Fault-Timestamp", out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var when) ? when : null,
            messageType, headers.GetValueOrDefault("MT-Fault-ExceptionType", ""), headers.GetValueOrDefault("MT-Fault-Message", ""),
            headers.GetValueOrDefault("MT-Fault-StackTrace", ""), headers, body);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("u", CultureInfo.InvariantCulture),
        IEnumerable<object?> list => string.Join(", ", list.Select(Text)),
        IDictionary<string, object?> table => string.Join(", ", table.Select(t => $"{t.Key}={Text(t.Value)}")),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
