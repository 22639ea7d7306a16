using JasperFx.Events.Daemon;
using Marten;
using Spectre.Console;

namespace FiveSocieties.Cli.Errors;

/// <summary>Which error queues an action looks in: all of them, or those of one queue and/or virtual host.</summary>
public sealed record ErrorQueueScope(string? Queue = null, string? VirtualHost = null)
{
    /// <summary>Whether <paramref name="parked"/> is in scope; <see cref="Queue"/> may name the queue or its <c>_error</c> twin.</summary>
    public bool Covers(ParkedMessages parked) =>
        (VirtualHost is null || parked.VirtualHost == VirtualHost)
        && (Queue is null || parked.Queue == Queue || parked.Queue == Queue + ErrorQueues.Suffix);
}

/// <summary>A service's store, to look for dead letters in.</summary>
public sealed record ServiceStore(string Service, IDocumentStore Store);

/// <summary>
/// What an operator does with stuck work: show one item, replay it, purge it. A parked message replays
/// to the queue it failed in (the consumers' inboxes drop one they already handled). A relay's dead
/// letter does not replay: it is an event the relay's mapping threw on, and would throw on again.
/// Every answer is zh-CN first, then English; an id that matches nothing changes nothing and exits 1.
/// </summary>
public sealed class StuckWorkDesk(HttpClient management, Uri broker, IReadOnlyList<ServiceStore> stores, IAnsiConsole console)
{
    public async Task<int> ShowAsync(string id, ErrorQueueScope scope, CancellationToken cancellationToken)
    {
        var (parked, letters) = await FindAsync(id, scope, cancellationToken);
        if (parked.Count + letters.Count == 0) return Unknown(id);
        foreach (var message in parked) ShowParked(message);
        foreach (var letter in letters) await ShowDeadLetterAsync(letter, cancellationToken);
        return 0;
    }

    /// <summary>Moves one parked message (<paramref name="id"/>) or every one in scope (<paramref name="id"/> null) back to its queue.</summary>
    public async Task<int> ReplayAsync(string? id, ErrorQueueScope scope, CancellationToken cancellationToken)
    {
        var letters = id is null ? [] : await DeadLettersAsync(id, cancellationToken);
        var replayed = await TakeAsync(id, scope, ErrorQueues.ReplayAsync, cancellationToken);
        if (id is not null && replayed.Count + letters.Count == 0) return Unknown(id);
        foreach (var group in replayed.GroupBy(m => (m.VirtualHost, m.OriginalQueue)))
            console.MarkupLine(Escape($"已重放 {group.Count()} 条消息到队列 {group.Key.OriginalQueue}（虚拟主机 {group.Key.VirtualHost}）。\n"
                + $"Replayed {group.Count()} message(s) to queue {group.Key.OriginalQueue} (virtual host {group.Key.VirtualHost})."));
        if (id is null && replayed.Count == 0) console.MarkupLine("没有可重放的滞留消息。\nNo parked message to replay.");
        foreach (var letter in letters)
            console.MarkupLine(Escape(
                $"死信事件 {letter.Letter.Id}（{letter.Service}，序号 {letter.Letter.EventSequence}）不能重放：它是中继映射时抛出异常的事件，原样再送一次会同样失败。"
                + "修正映射并发布后，把中继订阅倒回到该序号之前（消息编号由事件编号决定，各消费者的收件箱会丢弃重复），再清除这条死信。\n"
                + $"Dead letter {letter.Letter.Id} ({letter.Service}, sequence {letter.Letter.EventSequence}) is not replayable: the relay's mapping threw on "
                + "this event and would throw again on the same code. Once a release fixes the mapping, rewind the relay subscription to before "
                + "this sequence (message ids come from event ids, so the consumers' inboxes drop repeats), then purge the dead letter."));
        return letters.Count > 0 && replayed.Count == 0 ? 1 : 0;
    }

    /// <summary>Deletes one parked message or dead letter (<paramref name="id"/>), or every parked message in scope (<paramref name="id"/> null).</summary>
    public async Task<int> PurgeAsync(string? id, ErrorQueueScope scope, CancellationToken cancellationToken)
    {
        var letters = id is null ? [] : await DeadLettersAsync(id, cancellationToken);
        var purged = await TakeAsync(id, scope, act: null, cancellationToken);
        if (id is not null && purged.Count + letters.Count == 0) return Unknown(id);
        foreach (var group in purged.GroupBy(m => (m.VirtualHost, m.ErrorQueue)))
            console.MarkupLine(Escape($"已从 {group.Key.ErrorQueue}（虚拟主机 {group.Key.VirtualHost}）删除 {group.Count()} 条消息。\n"
                + $"Purged {group.Count()} message(s) from {group.Key.ErrorQueue} (virtual host {group.Key.VirtualHost})."));
        if (id is null && purged.Count == 0) console.MarkupLine("没有可删除的滞留消息。\nNo parked message to purge.");
        foreach (var (service, store, letter) in letters)
        {
            // The event stays in the store; only the note that the relay skipped it goes.
            await using var session = store.LightweightSession();
            session.Delete(letter);
            await session.SaveChangesAsync(cancellationToken);
            console.MarkupLine(Escape($"已删除死信 {letter.Id}（{service}，序号 {letter.EventSequence}），事件本身仍在事件库中。\n"
                + $"Purged dead letter {letter.Id} ({service}, sequence {letter.EventSequence}); the event itself stays in the store."));
        }
        return 0;
    }

    /// <summary>What an action would touch, for purge's dry run: the parked messages and dead letters it would remove.</summary>
    public async Task<int> PreviewPurgeAsync(string? id, ErrorQueueScope scope, CancellationToken cancellationToken)
    {
        IReadOnlyList<ParkedMessage> parked;
        IReadOnlyList<FoundDeadLetter> letters = [];
        if (id is null)
        {
            var all = new List<ParkedMessage>();
            foreach (var queue in await QueuesAsync(scope, cancellationToken))
                all.AddRange(await ErrorQueues.BrowseAsync(broker, queue.VirtualHost, queue.Queue, int.MaxValue, cancellationToken));
            parked = all;
        }
        else (parked, letters) = await FindAsync(id, scope, cancellationToken);
        if (id is not null && parked.Count + letters.Count == 0) return Unknown(id);
        console.MarkupLine(Escape($"将删除 {parked.Count} 条滞留消息和 {letters.Count} 条死信；加上 --yes 才会删除，现在什么也没改。\n"
            + $"Would purge {parked.Count} parked message(s) and {letters.Count} dead letter(s); add --yes to purge. Nothing was changed."));
        return 1;
    }

    private async Task<(IReadOnlyList<ParkedMessage> Parked, IReadOnlyList<FoundDeadLetter> Letters)> FindAsync(
        string id, ErrorQueueScope scope, CancellationToken cancellationToken)
    {
        var parked = new List<ParkedMessage>();
        foreach (var queue in await QueuesAsync(scope, cancellationToken))
            parked.AddRange((await ErrorQueues.BrowseAsync(broker, queue.VirtualHost, queue.Queue, int.MaxValue, cancellationToken)).Where(m => Matches(m, id)));
        return (parked, await DeadLettersAsync(id, cancellationToken));
    }

    private async Task<IReadOnlyList<ParkedMessage>> TakeAsync(string? id, ErrorQueueScope scope,
        Func<RabbitMQ.Client.IChannel, ParkedMessage, RabbitMQ.Client.BasicGetResult, CancellationToken, Task>? act, CancellationToken cancellationToken)
    {
        var taken = new List<ParkedMessage>();
        foreach (var queue in await QueuesAsync(scope, cancellationToken))
            taken.AddRange(await ErrorQueues.TakeAsync(broker, queue.VirtualHost, queue.Queue, m => id is null || Matches(m, id), act,
                cancellationToken: cancellationToken));
        return taken;
    }

    private async Task<IReadOnlyList<ParkedMessages>> QueuesAsync(ErrorQueueScope scope, CancellationToken cancellationToken) =>
        [.. (await StuckWork.ErrorQueuesAsync(management, cancellationToken)).Where(scope.Covers)];

    private static bool Matches(ParkedMessage message, string id) => string.Equals(message.Id, id, StringComparison.OrdinalIgnoreCase);

    private sealed record FoundDeadLetter(string Service, IDocumentStore Store, DeadLetterEvent Letter);

    private async Task<IReadOnlyList<FoundDeadLetter>> DeadLettersAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var letterId)) return [];
        var found = new List<FoundDeadLetter>();
        foreach (var (service, store) in stores)
        {
            await using var session = store.QuerySession();
            try
            {
                if (await session.LoadAsync<DeadLetterEvent>(letterId, cancellationToken) is { } letter) found.Add(new(service, store, letter));
            }
            catch (Exception e) when (StuckWork.NoStoreYet(e)) { }
        }
        return found;
    }

    private int Unknown(string id)
    {
        console.MarkupLine(Escape($"没有编号为 {id} 的滞留消息或死信，什么也没改。\nNo parked message or dead letter has the id {id}; nothing was changed."));
        return 1;
    }

    private void ShowParked(ParkedMessage message)
    {
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in new[]
                 {
                     ("id", message.Id), ("virtual host", message.VirtualHost), ("error queue", message.ErrorQueue),
                     ("replays to", message.OriginalQueue), ("message type", message.MessageType ?? ""), ("failed at", $"{message.At:u}"),
                     ("exception", message.ExceptionType), ("message", message.ExceptionMessage),
                 })
            grid.AddRow(Escape(name), Escape(value));
        console.Write(new Panel(grid).Header("滞留消息 parked message"));
        var headers = new Table().AddColumns("header", "value");
        foreach (var (name, value) in message.Headers.Where(h => h.Key != "MT-Fault-StackTrace").OrderBy(h => h.Key, StringComparer.Ordinal))
            headers.AddRow(Escape(name), Escape(value));
        console.Write(headers);
        console.WriteLine("stack trace:");
        console.WriteLine(message.StackTrace);
        console.WriteLine("body:");
        console.WriteLine(message.Body);
    }

    private async Task ShowDeadLetterAsync(FoundDeadLetter found, CancellationToken cancellationToken)
    {
        var letter = found.Letter;
        await using var session = found.Store.QuerySession();
        var @event = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence == letter.EventSequence).ToListAsync(cancellationToken)).SingleOrDefault();
        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in new[]
                 {
                     ("id", $"{letter.Id}"), ("service", found.Service), ("subscription", letter.ShardName ?? letter.ProjectionName ?? ""),
                     ("sequence", $"{letter.EventSequence}"), ("at", $"{letter.Timestamp:u}"), ("event type", @event?.EventTypeName ?? ""),
                     ("stream", @event?.StreamId.ToString() ?? @event?.StreamKey ?? ""), ("exception", letter.ExceptionType ?? ""),
                     ("message", letter.ExceptionMessage ?? ""), ("replay", "no: see `fivesoc errors replay` / 不能重放"),
                 })
            grid.AddRow(Escape(name), Escape(value));
        console.Write(new Panel(grid).Header("死信事件 dead letter"));
        if (@event is not null)
        {
            console.WriteLine("event:");
            console.WriteLine(found.Store.Options.Serializer().ToJson(@event.Data));
        }
    }

    private static string Escape(string text) => text.EscapeMarkup();
}
