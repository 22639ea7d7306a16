using System.Diagnostics;
using Marten;
using MassTransit;
using JasperFx;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// The inbox: a consumer whose writes and the record "this consumer handled this MessageId"
/// commit in one Marten transaction. A redelivered or re-published copy collides on the
/// record's key, and its writes roll back with it; two copies handled at the same moment do
/// the same. Exactly-once effect over at-least-once delivery.
///
/// A consumer that sets <see cref="CommitsByGroup"/> has its messages committed by
/// <see cref="InboxGroupCommit{TWork}"/>: the messages waiting at one moment share one session
/// and one commit. Its <see cref="HandleAsync"/> must then keep to what a shared session allows:
/// append, or decide through <c>DecideAsync</c>, naming the streams it decides on in
/// <see cref="StreamsOf"/> so that two messages on one stream go into successive groups (a stream
/// decided on twice in one session is refused, and the group falls back to one commit a message);
/// never load a document, change it and store it, which a second message in the group would
/// overwrite with what it loaded. It has no <see cref="AfterCommitAsync"/>.
/// </summary>
public abstract class InboxConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage>
    where TMessage : class
{
    public Task Consume(ConsumeContext<TMessage> context) => CommitsByGroup
        ? InboxGroups.Of(store, context).For(this).HandleAsync(context, new GroupedMessage<TMessage>(this, context))
        : Inbox.HandleOnceAsync(store, GetType(), context, session => HandleAsync(context.Message, session, context),
            () => AfterCommitAsync(context));

    /// <summary>Commit by group (see the class); for consumers on a hot path whose handling shares a session safely.</summary>
    protected virtual bool CommitsByGroup => false;

    /// <summary>
    /// The streams a grouped message decides on: two messages on one stream never share a group
    /// (the second waits for the next), so they do not spoil it for the others.
    /// </summary>
    protected internal virtual IEnumerable<Guid> StreamsOf(TMessage message) => [];

    /// <summary>Append events (or write documents) in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context);

    internal Task HandleInGroupAsync(IDocumentSession session, ConsumeContext<TMessage> context) =>
        HandleAsync(context.Message, session, context);

    /// <summary>
    /// Runs once the handler's writes are committed (not for a duplicate): work that must see
    /// them, in sessions of its own. If it throws, the message is retried and finds itself a
    /// duplicate, so keep it to what a later event would also bring about.
    /// </summary>
    protected virtual Task AfterCommitAsync(ConsumeContext<TMessage> context) => Task.CompletedTask;
}

/// <summary>A message handed to its consumer's group commit, with the consumer that handles it.</summary>
internal sealed record GroupedMessage<TMessage>(InboxConsumer<TMessage> Consumer, ConsumeContext<TMessage> Context) where TMessage : class;

/// <summary>The group commits of a store's consumers that commit by group: one per consumer type.</summary>
internal sealed class InboxGroups(IDocumentStore store, ILoggerFactory loggers)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentStore, InboxGroups> Stores = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _groups = new();

    public static InboxGroups Of(IDocumentStore store, ConsumeContext context) => Stores.GetValue(store, s =>
        new InboxGroups(s, context.TryGetPayload<IServiceProvider>(out var services)
            && services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers
                ? loggers
                : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

    public InboxGroupCommit<GroupedMessage<TMessage>> For<TMessage>(InboxConsumer<TMessage> consumer) where TMessage : class =>
        (InboxGroupCommit<GroupedMessage<TMessage>>)_groups.GetOrAdd(consumer.GetType(), type =>
        {
            var afterCommit = type.GetMethod("AfterCommitAsync", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
            if (afterCommit?.DeclaringType != typeof(InboxConsumer<TMessage>))
                throw new InvalidOperationException($"{type.Name} commits by group and cannot have AfterCommitAsync: a group commit does not tell a copy from a first.");
            return new InboxGroupCommit<GroupedMessage<TMessage>>(store, type, new InboxGroupCommitOptions(), async (group, session, _) =>
            {
                foreach (var (handler, context) in group) await handler.HandleInGroupAsync(session, context);
            }, loggers.CreateLogger(type), work => work.Consumer.StreamsOf(work.Context.Message));
        });
}

/// <summary>
/// The inbox for a hot path, by group commit: each message's consumer hands its work over and
/// waits; whatever has arrived while earlier commits were under way goes into the next one (up
/// to <see cref="InboxGroupCommitOptions.MessageLimit"/>), handled in one session with one inbox
/// record per message — one commit for the group. At most <see cref="InboxGroupCommitOptions.Concurrency"/>
/// commits run at once.
///
/// Unlike a MassTransit <c>Batch&lt;T&gt;</c>, nothing waits for a batch to fill or a time limit
/// to pass: a message on a quiet queue commits at once, and on a busy one the groups grow exactly
/// as much as the commits are slow — after a slow commit the backlog leaves in one group, not in
/// a queue of small batches each paying a commit of its own.
///
/// When a group as a whole cannot commit — a copy already handled (its record collides), a copy
/// handled at the same moment elsewhere, or one message that cannot be handled yet — each of its
/// messages is handled on its own, exactly as <see cref="InboxConsumer{TMessage}"/> would, so the
/// others are not held back by it; a message being retried by MassTransit is handled on its own
/// from the start. A message without a MessageId fails alone, before it joins a group.
///
/// Tracing: a group's commit is a span of its own, a child of its first message's trace (so the
/// events it appends carry that trace on to the relay) and linked to the others' — the committer
/// does not run in whichever consumer's context happened to start it.
/// </summary>
/// <typeparam name="TWork">What a consumer hands over for its message (the message, or what it made of it).</typeparam>
public sealed class InboxGroupCommit<TWork>
{
    private readonly IDocumentStore _store;
    private readonly Type _consumer;
    private readonly InboxGroupCommitOptions _options;
    private readonly Func<IReadOnlyList<TWork>, IDocumentSession, CancellationToken, Task> _handle;
    private readonly Func<TWork, IEnumerable<Guid>>? _streamsOf;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _waiting = new();
    private int _committing;
    private long _groups, _messages;

    /// <param name="consumer">The consumer named in the inbox records (their key is consumer and MessageId).</param>
    /// <param name="handle">
    /// Appends events (or writes documents) for a group's work in the session; does not save it.
    /// The group's messages share that one session, so a stream two of them decide on must be
    /// decided once for both: a second decision would see the stream as stored, without the first's
    /// events (the notification rules group a caseworker's digest notes for this reason).
    /// </param>
    /// <param name="streamsOf">
    /// The streams a message's work decides on: work on a stream already in the group waits for the
    /// next group, in its order, rather than make the whole group fail.
    /// </param>
    public InboxGroupCommit(IDocumentStore store, Type consumer, InboxGroupCommitOptions options,
        Func<IReadOnlyList<TWork>, IDocumentSession, CancellationToken, Task> handle, ILogger logger,
        Func<TWork, IEnumerable<Guid>>? streamsOf = null)
    {
        if (options.MessageLimit < 1 || options.Concurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "A group commit needs a message limit and a concurrency of 1 or more.");
        (_store, _consumer, _options, _handle, _logger, _streamsOf) = (store, consumer, options, handle, logger, streamsOf);
    }

    /// <summary>Groups committed and the messages they held, since the start (mean group size = messages / groups).</summary>
    public (long Groups, long Messages) Committed => (Interlocked.Read(ref _groups), Interlocked.Read(ref _messages));

    /// <summary>Completes once <paramref name="work"/> is committed with its inbox record (or was already: a copy).</summary>
    public async Task HandleAsync<TMessage>(ConsumeContext<TMessage> context, TWork work) where TMessage : class
    {
        var record = Inbox.RecordFor(_consumer, context);
        if (context.GetRetryAttempt() == 0)
        {
            var waiting = new Waiting(record, work, Activity.Current?.Context ?? default);
            Enqueue(waiting);
            if (await waiting.Committed.Task) return;
        }
        await Inbox.HandleOnceAsync(_store, _consumer, context, session => _handle([work], session, context.CancellationToken));
    }

    private void Enqueue(Waiting waiting)
    {
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(waiting);
            start = _committing < _options.Concurrency;
            if (start) _committing++;
        }
        // Off the consumer's own call (a committer goes on with the next group, and its message's
        // acknowledgement should not wait for that), and out of its context: each group is traced
        // from its own messages.
        if (!start) return;
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(CommitWhileWaitingAsync);
    }

    private async Task CommitWhileWaitingAsync()
    {
        while (true)
        {
            var group = new List<Waiting>();
            lock (_gate)
            {
                var streams = new HashSet<Guid>();
                var later = new List<Waiting>();
                while (group.Count < _options.MessageLimit && _waiting.TryDequeue(out var next))
                {
                    var decidesOn = _streamsOf?.Invoke(next.Work).ToList() ?? [];
                    if (decidesOn.Any(streams.Contains)) later.Add(next);
                    else
                    {
                        streams.UnionWith(decidesOn);
                        group.Add(next);
                    }
                }
                if (later.Count > 0)
                {
                    // Back at the head of the queue, in their order.
                    var rest = _waiting.ToList();
                    _waiting.Clear();
                    foreach (var waiting in later.Concat(rest)) _waiting.Enqueue(waiting);
                }
                if (group.Count == 0)
                {
                    _committing--;
                    return;
                }
            }
            var committed = await TryCommitAsync(group);
            if (!committed && await CopiesAsync(group) is { Count: > 0 } copies)
            {
                // A redelivered copy of a message an earlier group committed spoils its group: the copies
                // are done already, and the rest still commit together rather than one by one.
                foreach (var copy in copies) copy.Committed.TrySetResult(true);
                group = [.. group.Except(copies)];
                committed = group.Count > 0 && await TryCommitAsync(group);
            }
            foreach (var waiting in group) waiting.Committed.TrySetResult(committed);
        }
    }

    /// <summary>The messages of a group whose inbox record is committed already; none when that cannot be read.</summary>
    private async Task<List<Waiting>> CopiesAsync(List<Waiting> group)
    {
        try
        {
            await using var query = _store.QuerySession();
            var ids = group.Select(w => w.Record.Id).Distinct().ToArray();
            var recorded = (await query.LoadManyAsync<InboxRecord>(ids)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            return [.. group.Where(w => recorded.Contains(w.Record.Id))];
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Could not read which messages of a group for {Consumer} were handled already", _consumer.Name);
            return [];
        }
    }

    private async Task<bool> TryCommitAsync(List<Waiting> group)
    {
        try
        {
            // The same message twice in one group (a redelivery) would collide with itself.
            var distinct = group.DistinctBy(w => w.Record.Id).ToList();
            using var span = Inbox.ActivitySource.StartActivity($"inbox group commit {_consumer.Name}", ActivityKind.Internal, distinct[0].Trace,
                links: distinct.Skip(1).Where(w => w.Trace != default).Select(w => new ActivityLink(w.Trace)));
            span?.SetTag("messaging.batch.message_count", distinct.Count);
            await using var session = _store.LightweightSession();
            foreach (var waiting in distinct) session.Insert(waiting.Record);
            await _handle(distinct.Select(w => w.Work).ToList(), session, CancellationToken.None);
            await session.SaveChangesAsync();
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _messages, distinct.Count);
            return true;
        }
        catch (Exception e)
        {
            // Each on its own now; said, so that a message that keeps spoiling its groups leaves a trace.
            _logger.LogDebug(e, "A group of {Count} messages for {Consumer} could not commit as a whole; handling them one by one",
                group.Count, _consumer.Name);
            return false;
        }
    }

    private sealed record Waiting(InboxRecord Record, TWork Work, ActivityContext Trace)
    {
        public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// How an <see cref="InboxGroupCommit{TWork}"/> groups: at most MessageLimit messages a commit,
/// Concurrency commits at once. No more messages wait than the endpoint's concurrent message
/// limit lets in, so a MessageLimit above that changes nothing.
/// </summary>
public sealed class InboxGroupCommitOptions
{
    public int MessageLimit { get; set; } = 64;

    /// <summary>
    /// One commit at a time by default. Each commit has a cost of its own besides its messages'
    /// (a round trip to read, the transaction, the WAL flush), and a second committer mostly
    /// splits the same messages into twice the commits, for more processor time and no less
    /// latency. More helps only where a commit waits on something other than the database's
    /// processors.
    /// </summary>
    public int Concurrency { get; set; } = 1;
}

internal static class Inbox
{
    /// <summary>Spans of the inbox's own work (a group commit); registered with the service's tracing.</summary>
    public static readonly ActivitySource ActivitySource = new(InboxTracing.SourceName);

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

public static class InboxTracing
{
    public const string SourceName = "FiveSocieties.Inbox";
}

/// <summary>Proof that a consumer handled a message. Kept so duplicates can be recognised.</summary>
public sealed record InboxRecord(string Id, string Consumer, Guid MessageId, string MessageType, DateTimeOffset HandledAt)
{
    public static string IdFor(Type consumer, Guid messageId) => $"{consumer.Name}/{messageId:N}";
}
