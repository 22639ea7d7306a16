using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cli.Errors;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Case = FiveSocieties.Cases.Cases.Case;
using V1 = FiveSocieties.Contracts.V1;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// At-least-once delivery with exactly-once effect: the relay (Cases' Marten subscription →
/// RabbitMQ) and the inbox (another service's consumer), on the real servers.
/// </summary>
public sealed class RelayAndInboxTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private static readonly Guid Station = Guid.NewGuid();

    public Task InitializeAsync() => _isolation.InitializeAsync();
    public Task DisposeAsync() => _isolation.DisposeAsync();

    private async Task<List<Guid>> OpenCasesAsync(ServiceHost<Case> cases, int count)
    {
        var client = cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            var response = await client.PostAsJsonAsync("/cases", FourServicesTests.NewCase(id, stationId: Station));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        });
        return ids;
    }

    /// <summary>
    /// Every id has its effect, counted once the relay has published everything there is to publish:
    /// counting when the effects first reach the number would pass before a late repeat could show.
    /// </summary>
    private static Task ExpectExactlyOneEffectEach(ProbeService probe, ServiceHost<Case> cases, IReadOnlyCollection<Guid> ids, TimeSpan? timeout = null) =>
        ExpectExactlyOneEffectEach(probe, ids, cases.Services.GetRequiredService<IDocumentStore>(), timeout);

    private static async Task ExpectExactlyOneEffectEach(
        ProbeService probe, IReadOnlyCollection<Guid> ids, IDocumentStore? relayedFrom = null, TimeSpan? timeout = null)
    {
        await Eventually.Until(probe.EffectsAsync, e => e.Count >= ids.Count, $"{ids.Count} effects", timeout);
        if (relayedFrom is not null) await RelayDrainedAsync(relayedFrom);
        var effects = await probe.EffectsAsync();
        effects.Count.ShouldBe(ids.Count);
        effects.Select(e => e.CaseId).Order().ShouldBe(ids.Order());
    }

    private static Task RelayDrainedAsync(IDocumentStore store) =>
        Eventually.Until(() => RelayPositionAsync(store), p => p.RelayedTo >= p.Last, "the relay to have published every event");

    /// <summary>The sequence up to which the relay has saved its progress, and the last event's.</summary>
    internal static async Task<(long RelayedTo, long Last)> RelayPositionAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var last = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
        var progress = await store.Advanced.AllProjectionProgress();
        return (progress.Where(p => p.ShardName.StartsWith(IntegrationEventRelay.SubscriptionName, StringComparison.Ordinal))
            .Select(p => p.Sequence).DefaultIfEmpty(0).Max(), last);
    }

    /// <summary>
    /// Counts the relay's failed publishes (a process-wide meter: only this class makes publishes fail,
    /// and its tests run one after another).
    /// </summary>
    private sealed class RelayFailures : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _count;

        public RelayFailures()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == IntegrationEventRelay.PublishFailedMetric) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);
        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Events_appended_in_one_service_reach_a_consumer_in_another_with_exactly_one_effect_each()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var cases = await new ServiceHost<Case>("cases", _isolation).StartAsync();

        var ids = await OpenCasesAsync(cases, 300);

        await ExpectExactlyOneEffectEach(probe, cases, ids);
        var effects = await probe.EffectsAsync();
        // The MessageId is the Marten event id: the relay's choice, not the bus's.
        await using var session = cases.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var eventIds = (await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "case_opened").ToListAsync())
            .Select(e => e.Id).ToHashSet();
        effects.ShouldAllBe(e => eventIds.Contains(e.MessageId));
    }

    [Fact]
    public async Task A_relay_stopped_half_way_and_restarted_loses_nothing_and_repeats_nothing()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        var cases = await new ServiceHost<Case>("cases", _isolation).StartAsync();
        var published = await OpenCasesAsync(cases, 75);
        await ExpectExactlyOneEffectEach(probe, cases, published);

        // The second half cannot go out (every publish is cancelled at once); stop the whole host, daemon
        // and all, once the relay has failed on it, so it stops with exactly half published.
        using var failures = new RelayFailures();
        cases.Services.GetRequiredService<RelaySettings>().PublishTimeout = TimeSpan.Zero;
        var unpublished = await OpenCasesAsync(cases, 75);
        await Eventually.Until(() => Task.FromResult(failures.Count), n => n > 0, "the relay to fail on the second half");
        var (relayedTo, last) = await RelayPositionAsync(cases.Services.GetRequiredService<IDocumentStore>());
        await cases.DisposeAsync();
        relayedTo.ShouldBeLessThan(last, "the relay stopped with the second half not yet relayed");
        // A publish may beat its cancellation to the broker; the page still failed, so it goes out again.
        (await probe.EffectsAsync()).Count.ShouldBeInRange(published.Count, published.Count + unpublished.Count - 1);

        await using var restarted = await new ServiceHost<Case>("cases", _isolation).StartAsync();
        var after = await OpenCasesAsync(restarted, 75);
        await ExpectExactlyOneEffectEach(probe, restarted, [.. published, .. unpublished, .. after]);
    }

    [Fact]
    public async Task A_relay_rewound_to_the_start_republishes_with_the_same_ids_and_the_inbox_drops_every_repeat()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var cases = await new ServiceHost<Case>("cases", _isolation).StartAsync();
        var ids = await OpenCasesAsync(cases, 100);
        await ExpectExactlyOneEffectEach(probe, cases, ids);

        // As after a crash between publishing and saving progress: the whole history goes out again.
        var daemon = cases.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(IntegrationEventRelay.SubscriptionName, CancellationToken.None, sequenceFloor: 0);

        await Eventually.Until(() => Task.FromResult(probe.Log.Deliveries.Count), n => n >= 200, "every event delivered twice");
        (await probe.EffectsAsync()).Count.ShouldBe(100);
    }

    [Fact]
    public async Task After_the_broker_drops_every_connection_the_relay_and_the_consumers_reconnect_and_nothing_is_lost()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var cases = await new ServiceHost<Case>("cases", _isolation).StartAsync();
        var before = await OpenCasesAsync(cases, 50);
        await ExpectExactlyOneEffectEach(probe, cases, before);

        // The management API lists a connection a moment after it opens: wait until it shows both.
        await Eventually.Until(() => LocalServers.ConnectionCountAsync(_isolation.Id), n => n >= 2,
            "the management API to list the relay's and the consumer's connections");
        var closed = await LocalServers.CloseConnectionsAsync(_isolation.Id);
        closed.ShouldBeGreaterThanOrEqualTo(2, "the relay's and the consumer's connections");

        var after = await OpenCasesAsync(cases, 50);
        await ExpectExactlyOneEffectEach(probe, cases, [.. before, .. after]);
    }

    [Fact]
    public async Task A_publish_that_is_cancelled_fails_its_page_and_the_page_goes_out_once_the_broker_answers_again()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var cases = await new ServiceHost<Case>("cases", _isolation).StartAsync();
        // As when the broker blocks publishers or drops the connection mid-confirm: every publish is cancelled.
        using var failures = new RelayFailures();
        var relay = cases.Services.GetRequiredService<RelaySettings>();
        var timeout = relay.PublishTimeout;
        relay.PublishTimeout = TimeSpan.Zero;
        var cancelled = await OpenCasesAsync(cases, 20);

        // The page fails (the relay counts each failed publish); a cancellation passed through would be taken
        // for the daemon's own stopping, and the page skipped for good once a later one succeeds.
        await Eventually.Until(() => Task.FromResult(failures.Count), n => n > 0, "the relay's page to fail");

        relay.PublishTimeout = timeout;
        var later = await OpenCasesAsync(cases, 1);
        // The daemon restarts a paused relay after a cool-down; on a loaded machine the page may fail
        // again before the timeout is restored above, and each failure pauses it once more.
        await ExpectExactlyOneEffectEach(probe, cases, [.. cancelled, .. later], TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task An_event_the_relay_cannot_map_is_parked_as_a_dead_letter_and_the_rest_go_on()
    {
        await using var probe = await ProbeService.StartAsync(_isolation);
        await using var source = await SourceService.StartAsync(_isolation);
        var good = Enumerable.Range(0, 20).Select(_ => new ClientRegistered(Guid.NewGuid(), Unmappable: false)).ToList();
        var broken = new ClientRegistered(Guid.NewGuid(), Unmappable: true);

        await source.AppendAsync([.. good.Take(10), broken, .. good.Skip(10)]);

        await ExpectExactlyOneEffectEach(probe, good.Select(g => g.CaseId).ToList(), source.Store);
        var parked = await Eventually.Until(async () =>
        {
            await using var session = source.Store.QuerySession();
            return await session.Query<JasperFx.Events.Daemon.DeadLetterEvent>().ToListAsync();
        }, letters => letters.Count > 0, "the unmappable event among the dead letters");
        await using var events = source.Store.QuerySession();
        var brokenSequence = (await events.Events.FetchStreamAsync(broken.CaseId)).Single().Sequence;
        parked.ShouldHaveSingleItem().EventSequence.ShouldBe(brokenSequence);
        // And `fivesoc errors` shows it to the operator.
        (await StuckWork.DeadLettersAsync(events, "source", 20, CancellationToken.None)).ShouldHaveSingleItem().Sequence.ShouldBe(brokenSequence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // by group commit
    public async Task The_same_message_published_twice_even_at_the_same_moment_has_one_effect(bool grouped)
    {
        await using var probe = await ProbeService.StartAsync(_isolation, grouped: grouped);
        var messages = Enumerable.Range(0, 50).Select(_ => (Id: Guid.NewGuid(), Message: new V1.CaseOpened(Guid.NewGuid(),
            DateTimeOffset.UtcNow, Guid.NewGuid(), Station, Guid.NewGuid(), V1.ClientGroup.Elderly, [],
            new V1.GridLocation("云州区", "西坪镇", "XP-1")))).ToList();

        await Task.WhenAll(messages.SelectMany(m => Enumerable.Range(0, 2).Select(_ =>
            probe.Bus.Publish(m.Message, MassTransit.Pipe.Execute<MassTransit.PublishContext<V1.CaseOpened>>(context => context.MessageId = m.Id)))));

        await Eventually.Until(() => Task.FromResult(probe.Log.Deliveries.Count), n => n >= 100, "both copies delivered");
        await ExpectExactlyOneEffectEach(probe, messages.Select(m => m.Message.CaseId).ToList());
        if (grouped)
        {
            var (groups, committed) = probe.Grouped;
            groups.ShouldBeLessThan(committed, "messages that arrived together committed together");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // by group commit: the poison spoils its group once, then is handled alone
    public async Task A_message_that_keeps_failing_goes_to_the_error_queue_and_the_rest_go_on(bool grouped)
    {
        var poison = Guid.NewGuid();
        await using var probe = await ProbeService.StartAsync(_isolation, log: new DeliveryLog { Poison = new HashSet<Guid> { poison } },
            grouped: grouped);
        var good = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var caseId in good.Take(10).Append(poison).Concat(good.Skip(10)))
            await probe.Bus.Publish(new V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, Station, Guid.NewGuid(),
                V1.ClientGroup.Child, [], new V1.GridLocation("广灵县", "壶泉镇", "HQ-2")));

        await ExpectExactlyOneEffectEach(probe, good);
        var errorQueue = grouped ? "probe-grouped-counting_error" : "probe-counting_error";
        var parked = await Eventually.Until(() => LocalServers.QueueDepthAsync(_isolation.Id, errorQueue), n => n >= 1,
            "the poison message in the error queue");
        parked.ShouldBe(1);
        // And `fivesoc errors` shows it to the operator.
        using (var management = LocalServers.Management())
            (await StuckWork.ParkedAsync(management, CancellationToken.None))
                .ShouldContain(q => q.VirtualHost == _isolation.Id && q.Queue == errorQueue && q.Messages == 1);
        probe.Log.Handled.Count(id => id == poison).ShouldBe(grouped ? 4 : 3,
            grouped ? "in its group, alone, then two retries alone" : "the first try and two retries");
    }
}
