using System.Runtime.ExceptionServices;
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
    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.HandleOnceAsync(store, GetType(), context, session => HandleAsync(context.Message, session, context),
            () => AfterCommitAsync(context));

    /// <summary>Append events (or write documents) in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context);

    /// <summary>
    /// Runs once the handler's writes are committed (not for a duplicate): work that must see
    /// them, in sessions of its own. If it throws, the message is retried and finds itself a
    /// duplicate, so keep it to what a later event would also bring about.
    /// </summary>
    protected virtual Task AfterCommitAsync(ConsumeContext<TMessage> context) => Task.CompletedTask;
}

/// <summary>
/// The inbox for a hot path: a MassTransit batch of messages handled in one session and one
/// commit, with one inbox record per message. A commit costs a handful of round trips whatever
/// it holds, so a batch of 30 costs about what one message did.
///
/// When the batch as a whole cannot commit — a copy already handled (its record collides), a
/// copy handled at the same moment elsewhere, or one message that cannot be handled yet — each
/// message is handled on its own, exactly as <see cref="InboxConsumer{TMessage}"/> would, so
/// the others are not held back by it. Any still failing fails the batch: MassTransit retries
/// it, and the copies that did commit are recognised by their records and change nothing.
/// </summary>
public abstract class InboxBatchConsumer<TMessage>(IDocumentStore store) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        // The same message twice in one batch (a redelivery) would collide with itself.
        var messages = context.Message.DistinctBy(Inbox.MessageIdOf).ToList();
        if (messages.Count > 1)
        {
            try
            {
                await using var session = store.LightweightSession();
                foreach (var message in messages) session.Insert(Inbox.RecordFor(GetType(), message));
                await HandleAsync(messages, session, context.CancellationToken);
                await session.SaveChangesAsync(context.CancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One by one below; said, so that a message that keeps spoiling its batches leaves a trace.
                LogContext.Debug?.Log(e, "A batch of {Count} {Message} could not commit as a whole; handling them one by one",
                    messages.Count, typeof(TMessage).Name);
            }
        }

        ExceptionDispatchInfo? failure = null;
        foreach (var message in messages)
        {
            try
            {
                await Inbox.HandleOnceAsync(store, GetType(), message, session => HandleAsync([message], session, message.CancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
        failure?.Throw();
    }

    /// <summary>Append events (or write documents) for all <paramref name="messages"/> in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, IDocumentSession session, CancellationToken cancellationToken);
}

internal static class Inbox
{
    public static Guid MessageIdOf(ConsumeContext context) => context.MessageId
        ?? throw new InvalidOperationException($"A message arrived without a MessageId; the inbox cannot deduplicate it.");

    public static InboxRecord RecordFor<TMessage>(Type consumer, ConsumeContext<TMessage> context) where TMessage : class =>
        new(InboxRecord.IdFor(consumer, MessageIdOf(context)), consumer.Name, MessageIdOf(context), typeof(TMessage).Name, DateTimeOffset.UtcNow);

    /// <summary>One message, its writes and its record in one commit; a copy already handled changes nothing.</summary>
    public static async Task HandleOnceAsync<TMessage>(IDocumentStore store, Type consumer, ConsumeContext<TMessage> context,
        Func<IDocumentSession, Task> handle, Func<Task>? afterCommit = null) where TMessage : class
    {
        var record = RecordFor(consumer, context);

        // Optimistic: duplicates are rare, so no look-up first. The record's key makes a copy's
        // commit fail as a whole; a copy that fails earlier (its decision no longer applies)
        // is recognised by the record after the fact.
        await using var session = store.LightweightSession();
        session.Insert(record);
        try
        {
            await handle(session);
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (e is DocumentAlreadyExistsException { DocType: var type } && type == typeof(InboxRecord)) return;
            await using var check = store.QuerySession();
            if (await check.LoadAsync<InboxRecord>(record.Id, context.CancellationToken) is not null) return;
            throw;
        }
        if (afterCommit is not null) await afterCommit();
    }
}

/// <summary>Proof that a consumer handled a message. Kept so duplicates can be recognised.</summary>
public sealed record InboxRecord(string Id, string Consumer, Guid MessageId, string MessageType, DateTimeOffset HandledAt)
{
    public static string IdFor(Type consumer, Guid messageId) => $"{consumer.Name}/{messageId:N}";
}
