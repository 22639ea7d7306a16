using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.NeedsMirror;

namespace FiveSocieties.UnitTests.Matching;

public sealed class KnownCaseDeciderTests
{
    private static readonly CaseOpened Opened = new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
        Guid.NewGuid(), ClientGroup.Child, [ClientCategory.LeftBehind], new GridLocation("广灵县", "壶泉镇", "HQ-1"));

    [Fact]
    public void A_case_becomes_known_once()
    {
        var known = KnownCaseDecider.Decide(null, Opened).ShouldHaveSingleItem().ShouldBeOfType<CaseBecameKnown>();
        known.Location.Grid.ShouldBe("HQ-1");
        var state = new KnownCase(Opened.CaseId, Opened.StationId, Opened.CaseworkerId, Opened.ClientGroup, Opened.Categories, Opened.Location, 1);
        KnownCaseDecider.Decide(state, Opened).ShouldBeEmpty();
    }

    [Fact]
    public void A_reassignment_that_overtook_its_opening_waits_for_it()
    {
        var assigned = new CaseworkerAssigned(Guid.NewGuid(), DateTimeOffset.UtcNow, Opened.CaseId, Opened.StationId, Guid.NewGuid(), Opened.CaseworkerId);
        Should.Throw<NotYetKnown>(() => KnownCaseDecider.Decide(null, assigned));
        var state = new KnownCase(Opened.CaseId, Opened.StationId, Opened.CaseworkerId, Opened.ClientGroup, Opened.Categories, Opened.Location, 1);
        KnownCaseDecider.Decide(state, assigned).ShouldBe([new KnownCaseCaseworkerChanged(Opened.CaseId, assigned.CaseworkerId)]);
    }
}
