using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// Publish on commit: the committing process publishes its events at once, and the daemon's relay
/// only catches up with what that path did not confirm. On the real servers; the source's mapper
/// fails an event's first mapping on request, which is the fast path's, so that event is left to
/// the daemon.
/// </summary>
public sealed class PublishOnCommitTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();

    public Task InitializeAsync() => _isolation.InitializeAsync();
    public Task DisposeAsync() => _isolation.DisposeAsync();

    private static ClientRegistered Registered() => new(Guid.NewGuid(), Unmappable: false);

    /// <summary>Each case has exactly one effect, counted once the relay has passed every stored event.</summary>
    private static async Task ExpectExactlyOneEffectEach(ProbeService probe, SourceService source, IReadOnlyCollection<Guid> cases)
    {
        await Eventually.Until(probe.EffectsAsync, e => e.Count >= cases.Count, $"{cases.Count} effects");
        await Eventually.Until(() => RelayAndInboxTests.RelayPositionAsync(source.Store), p => p.RelayedTo >= p.Last, "the relay to have passed every event");
        (await probe.EffectsAsync()).Select(e => e.CaseId).Order().ShouldBe(cases.Order());
    }

    [Fact]
    public async Task Committed_events_go_out_from_the_committing_process_and_the_relay_only_skips_them()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var source = await SourceService.StartAsync(_isolation);
        await Eventually.Until(() => Task.FromResult(source.PublishOnCommit.CaughtUp), open => open, "publishing on commit to open");

        var cases = Enumerable.Range(0, 40).Select(_ => Registered()).ToList();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) => await source.AppendAsync(c));

        await ExpectExactlyOneEffectEach(probe, source, cases.Select(c => c.CaseId).ToList());
        source.PublishOnCommit.Counts.ShouldBe((40, 0), "every event published on commit, none left to the daemon");
        probe.Log.Deliveries.Count.ShouldBe(40, "the daemon skipped what was published on commit: no second copy");
    }

    [Fact]
    public async Task Events_committed_by_a_process_that_stops_before_publishing_go_out_by_catch_up_once_each()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        var cases = Enumerable.Range(0, 20).Select(_ => Registered()).ToList();
        // Committed, never published: the fast path fails each one, and the daemon that would catch up never runs.
        await using (var dying = await SourceService.StartAsync(_isolation, withoutDaemon: true))
        {
            foreach (var c in cases) dying.Mapper.FailOnce[c.CaseId] = 0;
            await Eventually.Until(() => Task.FromResult(dying.PublishOnCommit.CaughtUp), open => open, "publishing on commit to open");
            foreach (var c in cases) await dying.AppendAsync(c);
            await Eventually.Until(() => Task.FromResult(dying.PublishOnCommit.Counts.LeftToDaemon), n => n >= cases.Count,
                "every publish on commit to have failed");
        }
        (await probe.EffectsAsync()).ShouldBeEmpty();

        // Its successor's relay publishes them first; its own commits go out on commit only after that.
        await using var successor = await SourceService.StartAsync(_isolation);
        var later = Registered();
        await Eventually.Until(() => Task.FromResult(successor.PublishOnCommit.CaughtUp), open => open, "the successor to catch up");
        await successor.AppendAsync(later);

        await ExpectExactlyOneEffectEach(probe, successor, [.. cases.Select(c => c.CaseId), later.CaseId]);
        successor.PublishOnCommit.Counts.ShouldBe((1, 0), "the earlier events went by catch-up, the later one on commit");
    }

    [Fact]
    public async Task A_streams_events_arrive_in_order_whichever_path_each_takes()
    {
        // One delivery at a time, so the probe sees them in the order the broker queued them.
        await using var probe = await ProbeService.StartAsync(_isolation, concurrency: 1);
        await using var source = await SourceService.StartAsync(_isolation);
        await Eventually.Until(() => Task.FromResult(source.PublishOnCommit.CaughtUp), open => open, "publishing on commit to open");

        // Eight streams of six events, each event its own commit, streams written side by side. Each
        // stream's third event fails its publish on commit (its first mapping), so the daemon publishes
        // it; and the daemon is held up on it until every stream is written, so that the stream's later
        // commits, which could go out on commit at once, must wait for it.
        var streams = Enumerable.Range(0, 8).Select(_ => (Id: Guid.NewGuid(), Events: Enumerable.Range(0, 6).Select(_ => Registered()).ToList())).ToList();
        foreach (var (_, events) in streams)
        {
            source.Mapper.FailOnce[events[2].CaseId] = 0;
            source.Mapper.Gates[events[2].CaseId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await Parallel.ForEachAsync(streams, async (stream, _) =>
        {
            foreach (var e in stream.Events) await source.AppendToAsync(stream.Id, e);
        });
        foreach (var gate in source.Mapper.Gates.Values) gate.SetResult();

        var all = streams.SelectMany(s => s.Events.Select(e => e.CaseId)).ToList();
        await ExpectExactlyOneEffectEach(probe, source, all);

        // Each stream's first deliveries in the order of its commits (a repeat, if any, comes after its first).
        var firstSeen = probe.Log.Deliveries.Distinct().Select((caseId, i) => (caseId, i)).ToDictionary(x => x.caseId, x => x.i);
        foreach (var (_, events) in streams)
            events.Select(e => firstSeen[e.CaseId]).ShouldBeInOrder(SortDirection.Ascending);
        var (here, leftToDaemon) = source.PublishOnCommit.Counts;
        here.ShouldBeGreaterThan(0);
        leftToDaemon.ShouldBe(8 * 4, "each stream's third event, and the three the stream committed while the daemon was held up");
        (here + leftToDaemon).ShouldBe(48);
    }
}
