using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;

namespace FiveSocieties.IntegrationTests.Backbone;

public sealed record VisitCounted(Guid CaseId);

/// <summary>A case's count of visits: a decider's state with Marten's Create/Apply conventions.</summary>
public sealed record VisitTally(Guid Id, int Visits)
{
    public static VisitTally Create(VisitCounted counted) => new(counted.CaseId, 1);
    public VisitTally Apply(VisitCounted _) => this with { Visits = Visits + 1 };
}

/// <summary>
/// <see cref="Decisions.DecideAsync{TState}"/> on the real PostgreSQL: each decision sees the stream
/// as committed, so a session decides a stream once — a second decision would not see the first's
/// events, and is refused before anything is written.
/// </summary>
public sealed class DecisionsTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private SourceService _service = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        _service = await SourceService.StartAsync(_isolation, "decisions");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    /// <summary>Count a visit unless the tally has reached <paramref name="limit"/>.</summary>
    private static Func<VisitTally?, IReadOnlyList<object>> CountUpTo(Guid caseId, int limit) =>
        state => (state?.Visits ?? 0) < limit ? [new VisitCounted(caseId)] : [];

    [Fact]
    public async Task Decisions_in_sessions_one_after_another_see_each_other_and_return_the_stream_s_version()
    {
        var caseId = Guid.NewGuid();
        for (var expected = 1; expected <= 3; expected++)
        {
            await using var session = _service.Store.LightweightSession();
            var decision = await session.DecideAsync(caseId, CountUpTo(caseId, 2), CancellationToken.None);
            decision.Version.ShouldBe(Math.Min(expected, 2));
            decision.ChangedNothing.ShouldBe(expected > 2, "the third decision sees the limit reached");
            await session.SaveChangesAsync();
        }
        await using var query = _service.Store.QuerySession();
        (await query.Events.FetchStreamAsync(caseId)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_decision_on_a_stream_with_events_pending_in_the_session_is_refused_and_nothing_is_written(bool streamExists)
    {
        var caseId = Guid.NewGuid();
        if (streamExists)
        {
            await using var first = _service.Store.LightweightSession();
            await first.DecideAsync(caseId, CountUpTo(caseId, 2), CancellationToken.None);
            await first.SaveChangesAsync();
        }

        await using (var session = _service.Store.LightweightSession())
        {
            await session.DecideAsync(caseId, CountUpTo(caseId, 2), CancellationToken.None);
            // Without the refusal this decision would see the stored tally, not the pending visit, and
            // count a third visit past the limit (or, on a new stream, fail the commit on a collision).
            var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
                session.DecideAsync(caseId, CountUpTo(caseId, 2), CancellationToken.None));
            refused.Message.ShouldContain(caseId.ToString());
            // The caller's session is abandoned with its work, as a request or a consumer that failed would.
        }

        await using var query = _service.Store.QuerySession();
        (await query.Events.FetchStreamAsync(caseId)).Count.ShouldBe(streamExists ? 1 : 0);
    }

    [Fact]
    public async Task Decisions_on_different_streams_in_one_session_commit_together()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var session = _service.Store.LightweightSession())
        {
            await session.DecideAsync(a, CountUpTo(a, 1), CancellationToken.None);
            await session.DecideAsync(b, CountUpTo(b, 1), CancellationToken.None);
            await session.SaveChangesAsync();
        }
        await using var query = _service.Store.QuerySession();
        (await query.Events.FetchStreamAsync(a)).Count.ShouldBe(1);
        (await query.Events.FetchStreamAsync(b)).Count.ShouldBe(1);
    }
}
