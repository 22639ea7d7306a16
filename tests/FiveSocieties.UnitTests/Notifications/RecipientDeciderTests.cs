using FiveSocieties.Notifications.Recipients;

namespace FiveSocieties.UnitTests.Notifications;

public sealed class RecipientDeciderTests
{
    private static readonly Guid Caseworker = Guid.NewGuid();
    private static readonly Guid Station = Guid.NewGuid();

    [Fact]
    public void A_caseworker_enters_the_directory_with_their_first_case_and_later_cases_leave_their_entry_alone()
    {
        var caseId = Guid.NewGuid();
        RecipientDecider.Decide((Recipient?)null, new AssignCase(Caseworker, Station, caseId))
            .ShouldBe([new CaseworkerEnteredDirectory(Caseworker, Station)]);
        var known = new Recipient(Caseworker, RecipientKind.Caseworker, Station, 1);
        RecipientDecider.Decide(known, new AssignCase(Caseworker, Station, Guid.NewGuid())).ShouldBeEmpty();
    }

    [Fact]
    public void Each_case_records_who_answers_for_it_once_and_a_reassignment_moves_it()
    {
        var caseId = Guid.NewGuid();
        RecipientDecider.Decide((CaseResponsibility?)null, new AssignCase(Caseworker, Station, caseId))
            .ShouldBe([new CaseResponsibilityTaken(caseId, Caseworker, Station)]);
        var held = new CaseResponsibility(caseId, Caseworker, Station, 1);
        RecipientDecider.Decide(held, new AssignCase(Caseworker, Station, caseId)).ShouldBeEmpty("a redelivered CaseOpened changes nothing");
        var next = Guid.NewGuid();
        RecipientDecider.Decide(held, new AssignCase(next, Station, caseId)).ShouldBe([new CaseResponsibilityTaken(caseId, next, Station)]);
    }

    [Fact]
    public void Erasing_a_persons_contacts_leaves_only_the_inbox_and_a_second_erasure_changes_nothing()
    {
        var at = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var reachable = new Recipient(Caseworker, RecipientKind.Volunteer, Station, 2,
            Preferences.Default with { Channels = [Channel.InApp, Channel.Sms], Phone = "13900000001", Email = "v@example.org", SmsRules = ["delivery-reminder"] });
        var erased = RecipientDecider.Decide(reachable, new EraseContacts(Caseworker, at)).ShouldHaveSingleItem().ShouldBeOfType<RecipientContactsErased>();
        var after = reachable.Apply(erased);
        (after.Preferences!.Phone, after.Preferences.Email, after.Preferences.SmsRules).ShouldBe((null, null, null));
        after.Preferences.Channels.ShouldBe([Channel.InApp]);
        RecipientDecider.Decide(after, new EraseContacts(Caseworker, at)).ShouldBeEmpty();
        RecipientDecider.Decide((Recipient?)null, new EraseContacts(Caseworker, at)).ShouldBeEmpty("never in the directory, nothing to erase");
    }
}
