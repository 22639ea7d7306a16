using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class RecipientDeciderTests
{
    private static readonly Guid Caseworker = Guid.NewGuid();
    private static readonly Guid Station = Guid.NewGuid();

    [Fact]
    public void A_caseworker_not_yet_in_the_directory_enters_it_with_the_case()
    {
        var caseId = Guid.NewGuid();
        RecipientDecider.Decide(null, new AssignCase(Caseworker, Station, caseId)).ShouldBe(
        [
            new CaseworkerEnteredDirectory(Caseworker, Station),
            new CaseAssignedToCaseworker(Caseworker, caseId),
        ]);
    }

    [Fact]
    public void A_known_caseworker_gets_the_case_added_once()
    {
        var known = new Recipient(Caseworker, RecipientKind.Caseworker, Station, [Guid.NewGuid()], 2);
        var caseId = Guid.NewGuid();
        RecipientDecider.Decide(known, new AssignCase(Caseworker, Station, caseId)).ShouldBe([new CaseAssignedToCaseworker(Caseworker, caseId)]);
        RecipientDecider.Decide(known with { CaseIds = [caseId] }, new AssignCase(Caseworker, Station, caseId)).ShouldBeEmpty();
    }

    [Fact]
    public void Unassigning_a_case_the_caseworker_does_not_hold_changes_nothing()
    {
        var caseId = Guid.NewGuid();
        RecipientDecider.Decide(null, new UnassignCase(Caseworker, caseId)).ShouldBeEmpty();
        var holding = new Recipient(Caseworker, RecipientKind.Caseworker, Station, [caseId], 2);
        RecipientDecider.Decide(holding, new UnassignCase(Caseworker, caseId)).ShouldBe([new CaseLeftCaseworker(Caseworker, caseId)]);
    }
}
