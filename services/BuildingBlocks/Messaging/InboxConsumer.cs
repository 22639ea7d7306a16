using Marten;
using MassTransit;
using JasperFx;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// The inbox: a consumer whose writes and the record "this consumer handled this MessageId"
/// commit in one Marten transaction. A redelivered or re-published message finds the record
/// and does nothing; two copies handled at the same moment collide on the record's key and the
/// loser's writes roll back with it. Exactly-once effect over at-least-once delivery.
/// </summary>
public abstract class InboxConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var inboxId = InboxRecord.IdFor(GetType(), messageId);

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<InboxRecord>(inboxId, context.CancellationToken) is not null) return;

        session.Insert(new InboxRecord(inboxId, GetType().Name, messageId, typeof(TMessage).Name, DateTimeOffset.UtcNow));
        await HandleAsync(context.Message, session, context);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException e) when (e.DocType == typeof(InboxRecord))
        {
            // A concurrent copy of the same message committed first; ours rolled back whole.
        }
    }

    /// <summary>Append events (or write documents) in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context);
}

/// <summary>Proof that a consumer handled a message. Kept so duplicates can be recognised.</summary>
public sealed record InboxRecord(string Id, string Consumer, Guid MessageId, string MessageType, DateTimeOffset HandledAt)
{
    public static string IdFor(Type consumer, Guid messageId) => $"{consumer.Name}/{messageId:N}";
}
