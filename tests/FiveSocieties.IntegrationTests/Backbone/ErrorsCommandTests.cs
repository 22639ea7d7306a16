using FiveSocieties.Cli.Errors;
using FiveSocieties.IntegrationTests.Infrastructure;
using JasperFx.Events.Daemon;
using Marten;
using MassTransit;
using Spectre.Console;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// `fivesoc errors list|show|replay|purge` on the real RabbitMQ and PostgreSQL: a consumer that fails
/// parks a message in its error queue; the operator sees it, replays it once the fault is gone (it is
/// consumed once) or purges it; an unknown id changes nothing. A relay's dead letter shows and
/// purges but does not replay.
/// </summary>
public sealed class ErrorsCommandTests : IAsyncLifetime
{
    private const string ErrorQueue = "probe-counting_error";
    private readonly TestIsolation _isolation = new();
    private readonly HashSet<Guid> _poison = [];
    private readonly StringWriter _output = new();
    private ProbeService _probe = null!;
    private HttpClient _management = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        _probe = await ProbeService.StartAsync(_isolation, log: new DeliveryLog { Poison = _poison });
        _management = LocalServers.Management();
    }

    public async Task DisposeAsync()
    {
        _management.Dispose();
        await _probe.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    private StuckWorkDesk Desk(params ServiceStore[] stores)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 1000; // no wrapping: the assertions look for whole sentences
        return new(_management, _isolation.Broker, stores, console);
    }

    private ErrorQueueScope Here => new(VirtualHost: _isolation.Id);

    /// <summary>The error queue's messages, counted over AMQP (the management API's count lags by seconds).</summary>
    private async Task<int> ParkedCountAsync() =>
        (await ErrorQueues.BrowseAsync(_isolation.Broker, _isolation.Id, ErrorQueue, int.MaxValue, CancellationToken.None)).Count;

    /// <summary>Publishes a case the consumer fails on, and waits for it in the error queue; returns its MessageId.</summary>
    private async Task<(Guid MessageId, Guid CaseId)> ParkOneAsync()
    {
        var (messageId, caseId) = (NewId.NextGuid(), Guid.NewGuid());
        var parkedBefore = await ParkedCountAsync();
        _poison.Add(caseId);
        await _probe.Bus.Publish(new V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, Guid.NewGuid(), Guid.NewGuid(),
                V1.ClientGroup.Elderly, [], new V1.GridLocation("浑源县", "永安镇", "YA-1")),
            Pipe.Execute<PublishContext<V1.CaseOpened>>(context => context.MessageId = messageId));
        await Eventually.Until(ParkedCountAsync, n => n > parkedBefore, "the failing message in the error queue");
        return (messageId, caseId);
    }

    private async Task<int> EffectsForAsync(Guid caseId) => (await _probe.EffectsAsync()).Count(e => e.CaseId == caseId);

    [Fact]
    public async Task A_parked_message_is_listed_and_shown_and_once_its_fault_is_gone_a_replay_is_consumed_once()
    {
        var (messageId, caseId) = await ParkOneAsync();

        var parked = (await ErrorQueues.BrowseAsync(_isolation.Broker, _isolation.Id, ErrorQueue, 20, CancellationToken.None)).ShouldHaveSingleItem();
        parked.Id.ShouldBe(messageId.ToString());
        parked.OriginalQueue.ShouldBe("probe-counting");
        parked.ExceptionType.ShouldBe("System.InvalidOperationException");
        parked.ExceptionMessage.ShouldContain($"poison: case {caseId}");
        (await ParkedCountAsync()).ShouldBe(1, "looking does not take");

        (await Desk().ShowAsync(messageId.ToString(), Here, CancellationToken.None)).ShouldBe(0);
        _output.ToString().ShouldContain($"poison: case {caseId}");
        _output.ToString().ShouldContain("MT-Fault-ExceptionType");
        _output.ToString().ShouldContain(caseId.ToString(), Case.Insensitive, "the body");

        _poison.Remove(caseId);
        var triedBefore = _probe.Log.Handled.Count(id => id == caseId);
        (await Desk().ReplayAsync(messageId.ToString(), Here, CancellationToken.None)).ShouldBe(0);

        await Eventually.Until(() => EffectsForAsync(caseId), n => n >= 1, "the replayed message consumed");
        (await ParkedCountAsync()).ShouldBe(0);
        // Consumed once: one more handling, one effect, and nothing back in the error queue.
        _probe.Log.Handled.Count(id => id == caseId).ShouldBe(triedBefore + 1);
        (await EffectsForAsync(caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task Replay_all_of_a_queue_brings_every_message_back_once_and_leaves_other_queues_alone()
    {
        var (_, first) = await ParkOneAsync();
        var (_, second) = await ParkOneAsync();
        _poison.Clear();

        (await Desk().ReplayAsync(null, new ErrorQueueScope("elsewhere", _isolation.Id), CancellationToken.None)).ShouldBe(0);
        (await ParkedCountAsync()).ShouldBe(2, "another queue's scope takes nothing");

        (await Desk().ReplayAsync(null, new ErrorQueueScope("probe-counting", _isolation.Id), CancellationToken.None)).ShouldBe(0);
        _output.ToString().ShouldContain("Replayed 2 message(s) to queue probe-counting");
        await Eventually.Until(async () => await EffectsForAsync(first) + await EffectsForAsync(second), n => n >= 2, "both consumed");
        (await ParkedCountAsync()).ShouldBe(0);
        (await EffectsForAsync(first)).ShouldBe(1);
        (await EffectsForAsync(second)).ShouldBe(1);
    }

    [Fact]
    public async Task Purge_asks_for_yes_then_removes_the_message_and_it_is_never_consumed()
    {
        var (messageId, caseId) = await ParkOneAsync();
        var (other, _) = await ParkOneAsync();

        (await Desk().PreviewPurgeAsync(messageId.ToString(), Here, CancellationToken.None)).ShouldBe(1);
        _output.ToString().ShouldContain("--yes");
        (await ParkedCountAsync()).ShouldBe(2, "nothing purged without --yes");

        (await Desk().PurgeAsync(messageId.ToString(), Here, CancellationToken.None)).ShouldBe(0);
        (await ParkedCountAsync()).ShouldBe(1, "only the one named");
        (await ErrorQueues.BrowseAsync(_isolation.Broker, _isolation.Id, ErrorQueue, 20, CancellationToken.None))
            .ShouldHaveSingleItem().Id.ShouldBe(other.ToString());
        (await EffectsForAsync(caseId)).ShouldBe(0);

        (await Desk().PurgeAsync(null, new ErrorQueueScope("probe-counting", _isolation.Id), CancellationToken.None)).ShouldBe(0);
        (await ParkedCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_id_is_said_to_be_unknown_exits_1_and_changes_nothing()
    {
        await ParkOneAsync();
        var unknown = Guid.NewGuid().ToString();
        var desk = Desk();

        (await desk.ReplayAsync(unknown, Here, CancellationToken.None)).ShouldBe(1);
        (await desk.PurgeAsync(unknown, Here, CancellationToken.None)).ShouldBe(1);
        (await desk.ShowAsync(unknown, Here, CancellationToken.None)).ShouldBe(1);

        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith($"没有编号为 {unknown} 的滞留消息或死信");
        lines[1].ShouldStartWith($"No parked message or dead letter has the id {unknown}");
        (await ParkedCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_relay_dead_letter_shows_is_not_replayed_and_purges_with_its_event_kept()
    {
        await using var source = await SourceService.StartAsync(_isolation);
        var broken = new ClientRegistered(Guid.NewGuid(), Unmappable: true);
        await source.AppendAsync(broken);
        var letter = await Eventually.Until(async () =>
        {
            await using var session = source.Store.QuerySession();
            return await session.Query<DeadLetterEvent>().SingleOrDefaultAsync();
        }, l => l is not null, "the unmappable event dead-lettered");
        var desk = Desk(new ServiceStore("source", source.Store));
        var id = letter!.Id.ToString();

        (await desk.ShowAsync(id, Here, CancellationToken.None)).ShouldBe(0);
        _output.ToString().ShouldContain("InvalidOperationException");
        _output.ToString().ShouldContain($"{{\"caseId\":\"{broken.CaseId}\",\"unmappable\":true}}", Case.Sensitive, "the event itself");

        (await desk.ReplayAsync(id, Here, CancellationToken.None)).ShouldBe(1);
        _output.ToString().ShouldContain("不能重放");
        _output.ToString().ShouldContain("is not replayable");

        (await desk.PurgeAsync(id, Here, CancellationToken.None)).ShouldBe(0);
        await using var after = source.Store.QuerySession();
        (await after.Query<DeadLetterEvent>().CountAsync()).ShouldBe(0);
        (await after.Events.FetchStreamAsync(broken.CaseId)).ShouldHaveSingleItem();
    }
}
