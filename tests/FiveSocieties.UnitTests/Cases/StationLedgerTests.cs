using FiveSocieties.Cases.Reports;

namespace FiveSocieties.UnitTests.Cases;

public sealed class StationLedgerTests
{
    private static readonly Guid Elder = Guid.NewGuid(), Child = Guid.NewGuid(), Station = Guid.NewGuid();

    private static readonly LedgerCount[] Counts =
    [
        new(Elder, "Elderly", ServiceKinds.Visit, "Caseworker", 2, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.Visit, "Volunteer", 1, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.MealDelivered, null, 20, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.MealMissed, "NoAnswerAtDoor", 1, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.Referral, "Accepted", 1, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.Referral, "Completed", 1, Reporting: true),
        new(Elder, "Elderly", ServiceKinds.NeedMatched, null, 1, Reporting: true),
        new(Child, "Child", ServiceKinds.Activity, "Group", 3),
        new(Child, "Child", ServiceKinds.Referral, "Declined", 1),
        new(Child, "Child", ServiceKinds.NeedRaised, "Tutoring", 1),
        new(null, null, LedgerQueries.ActivitiesHeld, null, 2),
    ];

    private static StationLedger Ledger(bool listsClients) =>
        StationLedger.Of(Station, "南河堡乡社工站", "2026-12", new(2026, 12, 1), new(2026, 12, 31), DateTimeOffset.UnixEpoch, Counts, listsClients);

    [Fact]
    public void Counts_fold_into_a_row_per_client_and_the_totals_add_them_up()
    {
        var ledger = Ledger(listsClients: true);
        var elder = ledger.Clients.Single(r => r.CaseId == Elder);
        (elder.CaseworkerVisits, elder.VolunteerVisits, elder.MealsDelivered, elder.MealsMissed, elder.ReferralsAccepted, elder.ReferralsCompleted)
            .ShouldBe((2, 1, 20, 1, 1, 1));
        var child = ledger.Clients.Single(r => r.CaseId == Child);
        (child.ActivitiesAttended, child.NeedsRaised, child.ClientGroup).ShouldBe((3, 1, "Child"));
        (elder.ReportingConsent, child.ReportingConsent).ShouldBe((true, false));
        ledger.Totals.ClientsWithoutReportingConsent.ShouldBe(1);

        var t = ledger.Totals;
        (t.CaseworkerVisits, t.VolunteerVisits, t.MealsDelivered, t.ActivitiesHeld, t.ActivityAttendances, t.NeedsRaised, t.NeedsMatched)
            .ShouldBe((2, 1, 20, 2, 3, 1, 1));
        t.ReferralsByStage.Keys.ShouldBe(["Proposed", "Approved", "Accepted", "Declined", "Expired", "Completed", "Cancelled"]);
        (t.ReferralsByStage["Accepted"], t.ReferralsByStage["Completed"], t.ReferralsByStage["Declined"], t.ReferralsByStage["Proposed"])
            .ShouldBe((1, 1, 1, 0));
    }

    [Fact]
    public void A_client_counts_as_served_for_a_visit_a_meal_an_activity_or_a_referral_taken_up_not_for_a_declined_one()
    {
        var onlyDeclined = new LedgerCount[] { new(Child, "Child", ServiceKinds.Referral, "Declined", 1), new(Elder, "Elderly", ServiceKinds.MealMissed, null, 2) };
        StationLedger.Of(Station, "站", "2026-12", default, default, default, onlyDeclined, true).Totals.ClientsServed.ShouldBe(0);
        Ledger(listsClients: true).Totals.ClientsServed.ShouldBe(2);
    }

    [Fact]
    public void Anyone_but_the_stations_staff_reads_the_totals_without_the_clients()
    {
        var ledger = Ledger(listsClients: false);
        ledger.Clients.ShouldBeEmpty();
        ledger.Totals.MealsDelivered.ShouldBe(20);
    }
}

public sealed class LedgerSheetsTests
{
    [Fact]
    public void A_client_without_Reporting_consent_is_in_the_file_by_their_counts_never_their_case_id()
    {
        var (consented, anonymous) = (Guid.NewGuid(), Guid.NewGuid());
        var ledger = StationLedger.Of(Guid.NewGuid(), "站", "2026-12", default, default, default,
        [
            new(consented, "Elderly", ServiceKinds.MealDelivered, null, 3, Reporting: true),
            new(anonymous, "Child", ServiceKinds.MealDelivered, null, 2),
        ], listsClients: true);
        var texts = new FiveSocieties.BuildingBlocks.Texts.TextCatalogues(FiveSocieties.BuildingBlocks.Texts.SharedTexts.Catalogue);
        var csv = System.Text.Encoding.UTF8.GetString(FiveSocieties.BuildingBlocks.Reports.ReportFile.Csv(
            LedgerSheets.Of(ledger, texts, FiveSocieties.BuildingBlocks.Texts.ReaderLanguage.ZhCN), FiveSocieties.BuildingBlocks.Texts.ReaderLanguage.ZhCN));
        csv.ShouldContain($"{consented},老年人,0,0,3,");
        csv.ShouldContain("匿名（未授权上报）,儿童,0,0,2,");
        csv.ShouldNotContain(anonymous.ToString());
        csv.ShouldContain("其中未授权上报、匿名计数（人）,1");
    }
}
