using RiskLevel = FiveSocieties.Contracts.V1.RiskLevel;
using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Cases.Cases;
using FiveSocieties.Cases.Integration.Outgoing;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>What other services hear from Cases: the facts they need, never the free text.</summary>
public sealed class CasesIntegrationEventsTests
{
    // Only DeliveryDetailsShared reads the store; every other event maps from itself.
    private static readonly CasesIntegrationEvents Map = new(new NoServices(), LocalCalendar.For(LocalCalendar.DefaultTimeZone));

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static object? Relay<T>(T data) where T : notnull => Map.Map(new Event<T>(data) { Id = Guid.NewGuid(), Version = 2 });

    [Fact]
    public void A_raised_need_carries_its_matching_facts()
    {
        var raised = new NeedRaised(Guid.NewGuid(), Guid.NewGuid(), V1.NeedCategory.Tutoring, V1.Urgency.Soon, V1.Recurrence.Weekly, 2,
            new DateOnly(2026, 12, 1), "the girl is shy with strangers", Guid.NewGuid(), Guid.NewGuid(), V1.ClientGroup.Child,
            [V1.ClientCategory.LeftBehind], new CaseLocation("广灵县", "壶泉镇", "HQ-1"), Guid.NewGuid(), Now);

        var message = Relay(raised).ShouldBeOfType<V1.NeedRaised>();

        message.NeedId.ShouldBe(raised.NeedId);
        message.Category.ShouldBe(V1.NeedCategory.Tutoring);
        message.ClientCategories.ShouldBe([V1.ClientCategory.LeftBehind]);
        message.Location.Grid.ShouldBe("HQ-1");
        message.ToString().ShouldNotContain("shy", customMessage: "the caseworker's note stays in Cases");
    }

    [Fact]
    public void A_withdrawal_and_a_closing_carry_the_cause_not_the_reason()
    {
        var withdrawn = Relay(new NeedWithdrawn(Guid.NewGuid(), Guid.NewGuid(), V1.NeedWithdrawalCause.CaseClosed,
            "moved in with her daughter in 北京", Guid.NewGuid(), Now)).ShouldBeOfType<V1.NeedWithdrawn>();
        withdrawn.Cause.ShouldBe(V1.NeedWithdrawalCause.CaseClosed);
        withdrawn.ToString().ShouldNotContain("daughter");

        Relay(new CaseClosed(Guid.NewGuid(), Guid.NewGuid(), "passed away", Guid.NewGuid(), Now))
            .ShouldBeOfType<V1.CaseClosed>().ToString().ShouldNotContain("passed");
    }

    [Fact]
    public void Reopening_says_whose_case_it_is_but_not_why()
    {
        var (station, caseworker) = (Guid.NewGuid(), Guid.NewGuid());
        var reopened = Relay(new CaseReopened(Guid.NewGuid(), "back home from hospital", Guid.NewGuid(), Now, station, caseworker))
            .ShouldBeOfType<V1.CaseReopened>();
        reopened.StationId.ShouldBe(station);
        reopened.CaseworkerId.ShouldBe(caseworker);
        reopened.ToString().ShouldNotContain("hospital");
    }

    [Fact]
    public void A_raised_need_carries_the_client_s_eligibility_facts_when_known()
    {
        var raised = new NeedRaised(Guid.NewGuid(), Guid.NewGuid(), V1.NeedCategory.MealDelivery, V1.Urgency.Urgent, V1.Recurrence.Daily, 1,
            new DateOnly(2026, 12, 1), null, Guid.NewGuid(), Guid.NewGuid(), V1.ClientGroup.Elderly, [V1.ClientCategory.LivesAlone],
            new CaseLocation("天镇县", "南河堡乡", "NHB-03"), Guid.NewGuid(), Now, 81, 3, RiskLevel.High, new V1.GeoPoint(40.42, 114.09));
        var message = Relay(raised).ShouldBeOfType<V1.NeedRaised>();
        (message.ClientAge, message.AbilityLevel, message.RiskLevel).ShouldBe((81, 3, RiskLevel.High));
        message.ApproximatePosition.ShouldBe(new V1.GeoPoint(40.42, 114.09));
    }

    [Fact]
    public void A_revocation_carries_only_its_cause() =>
        Relay(new DeliveryDetailsRevoked(Guid.NewGuid(), Guid.NewGuid(), V1.SharingRevocationCause.ConsentExpired, Now))
            .ShouldBeOfType<V1.DeliveryRecipientRevoked>().Cause.ShouldBe(V1.SharingRevocationCause.ConsentExpired);

    [Fact]
    public void Assessments_plans_and_visits_are_health_data_and_stay_inside_cases()
    {
        var caseId = Guid.NewGuid();
        Relay(new AssessmentRecorded(caseId, Guid.NewGuid(), LivingSituation.LivesAlone, ["dementia"], [new Medication("donepezil", "5 mg")],
            40, MentalState.ModerateImpairment, SocialParticipation.Isolated, null, 4, RiskLevel.High, Guid.NewGuid(), Now)).ShouldBeNull();
        Relay(new ServicePlanProposed(caseId, Guid.NewGuid(), ["meals"], [], VisitFrequency.Weekly, new DateOnly(2027, 1, 1), Guid.NewGuid(), Now))
            .ShouldBeNull();
        Relay(new ServicePlanAdopted(caseId, Guid.NewGuid(), Guid.NewGuid(), Now)).ShouldBeNull();
        Relay(new ServicePlanSentBack(caseId, Guid.NewGuid(), "x", Guid.NewGuid(), Now)).ShouldBeNull();
        Relay(new VisitRecorded(caseId, Guid.NewGuid(), Now, "bruises on her arm", true, Guid.NewGuid(), VisitorRole.Caseworker, Now))
            .ShouldBeNull();
        Map.RelayedEventTypes.ShouldNotContain(typeof(AssessmentRecorded));
        Map.RelayedEventTypes.ShouldNotContain(typeof(VisitRecorded));
    }

    [Fact]
    public void A_visit_due_in_the_small_hours_of_Beijing_is_due_on_the_Beijing_date()
    {
        var due = new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.Zero); // 01:00 on 7 December in Beijing

        Relay(new VisitOverdueNoticed(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), due, due.AddMinutes(1)))
            .ShouldBeOfType<V1.VisitOverdue>().DueOn.ShouldBe(new DateOnly(2026, 12, 7));
    }

    [Fact]
    public void Roster_changes_say_who_answers_where_but_never_their_name()
    {
        var (person, station) = (Guid.NewGuid(), Guid.NewGuid());
        var joined = Relay(new FiveSocieties.Cases.Staff.StaffJoined(person, V1.StaffRole.Caseworker, station, "140213", "王建国", Guid.NewGuid(), Now))
            .ShouldBeOfType<V1.StaffJoined>();
        (joined.PersonId, joined.Role, joined.StationId, joined.DistrictCode, joined.OccurredAt)
            .ShouldBe((person, V1.StaffRole.Caseworker, (Guid?)station, "140213", Now));
        joined.ToString().ShouldNotContain("王建国");

        Relay(new FiveSocieties.Cases.Staff.StaffRoleChanged(person, V1.StaffRole.Supervisor, V1.StaffRole.Caseworker, station, "140213", Guid.NewGuid(), Now))
            .ShouldBeOfType<V1.StaffRoleChanged>().Role.ShouldBe(V1.StaffRole.Supervisor);
        var left = Relay(new FiveSocieties.Cases.Staff.StaffLeft(person, V1.StaffRole.DistrictOfficer, null, "140213", Guid.NewGuid(), Now))
            .ShouldBeOfType<V1.StaffLeft>();
        left.StationId.ShouldBeNull();
        left.DistrictCode.ShouldBe("140213");
    }

    [Fact]
    public void A_station_opened_is_told_with_its_district_and_township()
    {
        var station = Guid.NewGuid();
        var opened = Relay(new FiveSocieties.Cases.Stations.StationOpened(station, "140213", "140213001", "新建街道社工站", true, Guid.NewGuid(), Now))
            .ShouldBeOfType<V1.StationOpened>();
        (opened.StationId, opened.DistrictCode, opened.TownshipCode, opened.OccurredAt).ShouldBe((station, "140213", "140213001", Now));
    }

    [Fact]
    public void An_urgent_need_left_unmatched_is_told_with_its_case_station_and_caseworker()
    {
        var (caseId, need, station, caseworker) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var unmatched = Relay(new UrgentNeedLeftUnmatched(caseId, need, station, caseworker, V1.NeedCategory.MealDelivery, Now.AddHours(-5), Now))
            .ShouldBeOfType<V1.UrgentNeedUnmatched>();
        (unmatched.NeedId, unmatched.CaseId, unmatched.StationId, unmatched.CaseworkerId, unmatched.Category, unmatched.RaisedAt, unmatched.OccurredAt)
            .ShouldBe((need, caseId, station, caseworker, V1.NeedCategory.MealDelivery, Now.AddHours(-5), Now));
    }
}
