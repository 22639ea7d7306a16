using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// The inbox tells a duplicate from a failure, on the real PostgreSQL: a commit that failed for
/// another reason (a race lost to start a stream) leaves the message to be retried, not acknowledged.
/// </summary>
public sealed class InboxRecordTests : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private SourceService _service = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        _service = await SourceService.StartAsync(_isolation, "inboxrecords");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    [Fact]
    public async Task A_message_whose_commit_lost_a_race_to_start_a_stream_is_retried_and_has_its_effect()
    {
        await using var probe = await ProbeService.StartAsync(_isolation, "inboxrace");
        var taken = Guid.NewGuid();
        await using (var other = probe.Store.LightweightSession())
        {
            other.Events.StartStream(taken, new CaseOpenedSeen(taken, Guid.NewGuid()));
            await other.SaveChangesAsync();
        }
        var opened = new FiveSocieties.Contracts.V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            FiveSocieties.Contracts.V1.ClientGroup.Elderly, [], new FiveSocieties.Contracts.V1.GridLocation("云州区", "西坪镇", "XP-1"));
        probe.Log.LoseARaceOnce[opened.CaseId] = taken;

        await probe.Bus.Publish(opened);

        var effects = await Eventually.Until(probe.EffectsAsync, e => e.Any(x => x.CaseId == opened.CaseId), "the message's effect after its retry");
        effects.Count(e => e.CaseId == opened.CaseId).ShouldBe(1);
        probe.Log.Handled.Count(id => id == opened.CaseId).ShouldBe(2, "handled twice: the lost race, then the retry");
    }
}
