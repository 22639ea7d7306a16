using Marten;
using MassTransit;
using JasperFx;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// The inbox: a consumer whose writes and the record "this consumer handled this MessageId"
/// commit in one Marten transaction. A redelivered or re-published copy collides on the
/// record's key, and its writes roll back with it; two copies handled at the same moment do
/// the same. Exactly-once effect over at-least-once delivery.
/// </summary>
public abstract class InboxConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var inboxId = InboxRecord.IdFor(GetType(), messageId);

        // Optimistic: duplicates are rare, so no look-up first. The record's key makes a copy's
        // commit fail as a whole; a copy that fails earlier (its decision no longer applies)
        // is recognised by the record after the fact.
        await using var session = store.LightweightSession();
        session.Insert(new InboxRecord(inboxId, GetType().Name, messageId, typeof(TMessage).Name, DateTimeOffset.UtcNow));
        try
        {
            await HandleAsync(context.Message, session, context);
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (e is DocumentAlreadyExistsException { DocType: var type } && type == typeof(InboxRecord)) return;
            await using var check = store.QuerySession();
            if (await check.LoadAsync<InboxRecord>(inboxId, context.CancellationToken) is not null) return;
            throw;
        }
        await AfterCommitAsync(context);
    }

    /// <summary>
    /// Runs once the handler's writes are committed (not for a duplicate): work that must see
    /// them, in sessions of its own. If it throws, the message is retried and finds itself a
    /// duplicate, so keep it to what a later event would also bring about.
    /// </summary>
    protected virtual Task AfterCommitAsync(ConsumeContext<TMessage> context) => Task.CompletedTask;

    /// <summary>Append events (or write documents) in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context);
}

/// <summary>Proof that a consumer handled a message. Kept so duplicates can be recognised.</summary>
public sealed record InboxRecord(string Id, string Consumer, Guid MessageId, string MessageType, DateTimeOffset HandledAt)
{
    public static string IdFor(Type consumer, Guid messageId) => $"{consumer.Name}/{messageId:N}";
}
