using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using ClientCategory = FiveSocieties.Contracts.V1.ClientCategory;
using NeedCategory = FiveSocieties.Contracts.V1.NeedCategory;
using NeedWithdrawalCause = FiveSocieties.Contracts.V1.NeedWithdrawalCause;
using Recurrence = FiveSocieties.Contracts.V1.Recurrence;
using Urgency = FiveSocieties.Contracts.V1.Urgency;
using ClientGroup = FiveSocieties.Contracts.V1.ClientGroup;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>Given a case's events, when a command, then events or a named rule.</summary>
public sealed class CaseDeciderTests
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Guid Caseworker = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly CaseLocation Home = new("天镇县", "南河堡乡", "NHB-03");

    private static OpenCase Open(ClientGroup group = ClientGroup.Elderly, params ClientCategory[] categories) =>
        new(CaseId, Station, Caseworker, group, categories, Home, Caseworker, Now);

    private static Case Given(params object[] events) => CaseHistory.Given(events);

    [Fact]
    public void Opening_a_case_records_who_where_and_for_whom()
    {
        var events = CaseDecider.Decide(null, Open(ClientGroup.Elderly, ClientCategory.EmptyNest, ClientCategory.LivesAlone));
        var opened = events.ShouldHaveSingleItem().ShouldBeOfType<CaseOpened>();
        opened.CaseId.ShouldBe(CaseId);
        opened.StationId.ShouldBe(Station);
        opened.CaseworkerId.ShouldBe(Caseworker);
        opened.Categories.ShouldBe([ClientCategory.EmptyNest, ClientCategory.LivesAlone]);
        opened.OpenedAt.ShouldBe(Now);
    }

    [Fact]
    public void Repeated_categories_are_recorded_once()
    {
        var opened = (CaseOpened)CaseDecider.Decide(null, Open(ClientGroup.Child, ClientCategory.LeftBehind, ClientCategory.LeftBehind)).Single();
        opened.Categories.ShouldBe([ClientCategory.LeftBehind]);
    }

    [Theory]
    [InlineData(ClientGroup.Child, ClientCategory.LivesAlone)]
    [InlineData(ClientGroup.Child, ClientCategory.EmptyNest)]
    [InlineData(ClientGroup.Elderly, ClientCategory.LeftBehind)]
    [InlineData(ClientGroup.Elderly, ClientCategory.ChildInDifficulty)]
    public void A_category_of_the_other_group_is_refused(ClientGroup group, ClientCategory category)
    {
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(null, Open(group, category)))
            .Code.ShouldBe("case.category-not-for-group");
    }

    [Theory]
    [InlineData(ClientGroup.Child, ClientCategory.Disabled)]
    [InlineData(ClientGroup.Elderly, ClientCategory.Disabled)]
    [InlineData(ClientGroup.Elderly, ClientCategory.ExtremelyPoor)]
    public void Categories_of_both_groups_are_accepted_for_either(ClientGroup group, ClientCategory category) =>
        CaseDecider.Decide(null, Open(group, category)).ShouldHaveSingleItem();

    [Fact]
    public void Opening_the_same_case_again_with_the_same_details_changes_nothing()
    {
        var existing = Given(CaseDecider.Decide(null, Open(ClientGroup.Elderly, ClientCategory.EmptyNest)).ToArray());
        CaseDecider.Decide(existing, Open(ClientGroup.Elderly, ClientCategory.EmptyNest)).ShouldBeEmpty();
    }

    [Fact]
    public void Opening_an_existing_case_id_with_other_details_is_refused()
    {
        var existing = Given(CaseDecider.Decide(null, Open(ClientGroup.Elderly, ClientCategory.EmptyNest)).ToArray());
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(existing, Open(ClientGroup.Elderly, ClientCategory.LivesAlone)))
            .Code.ShouldBe("case.id-taken");
    }

    [Fact]
    public void Reassigning_hands_the_case_to_the_new_caseworker_and_remembers_the_previous_one()
    {
        var state = Given(CaseDecider.Decide(null, Open()).ToArray());
        var next = Guid.NewGuid();
        var reassigned = CaseDecider.Decide(state, new ReassignCaseworker(CaseId, next, "maternity leave", Guid.NewGuid(), Now))
            .ShouldHaveSingleItem().ShouldBeOfType<CaseworkerReassigned>();
        reassigned.CaseworkerId.ShouldBe(next);
        reassigned.PreviousCaseworkerId.ShouldBe(Caseworker);
        reassigned.StationId.ShouldBe(Station);

        var after = Given([.. CaseDecider.Decide(null, Open()), reassigned]);
        after.CaseworkerId.ShouldBe(next);
        after.Version.ShouldBe(2);
    }

    [Fact]
    public void Reassigning_to_the_current_caseworker_changes_nothing()
    {
        var state = Given(CaseDecider.Decide(null, Open()).ToArray());
        CaseDecider.Decide(state, new ReassignCaseworker(CaseId, Caseworker, null, Guid.NewGuid(), Now)).ShouldBeEmpty();
    }

    [Fact]
    public void A_closed_case_cannot_be_reassigned()
    {
        var closed = Given(CaseDecider.Decide(null, Open()).ToArray()) with { Status = CaseStatus.Closed };
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(closed, new ReassignCaseworker(CaseId, Guid.NewGuid(), null, Guid.NewGuid(), Now)))
            .Code.ShouldBe("case.closed");
    }

    private static readonly DateOnly Today = new(2026, 11, 29);

    private static RaiseNeed Raise(Guid needId, NeedCategory category = NeedCategory.MealDelivery) =>
        new(CaseId, needId, category, Urgency.Soon, Recurrence.Daily, 1, Today, "no pork", Caseworker, Now);

    private static object[] Opened() => CaseDecider.Decide(null, Open(ClientGroup.Elderly, ClientCategory.LivesAlone)).ToArray();

    private static object[] With(object[] history, Func<Case, IReadOnlyList<object>> decide) => CaseHistory.With(history, decide);

    [Fact]
    public void Raising_a_need_records_the_facts_it_will_be_matched_on()
    {
        var needId = Guid.NewGuid();
        var raised = CaseDecider.Decide(Given(Opened()), Raise(needId)).ShouldHaveSingleItem().ShouldBeOfType<NeedRaised>();
        raised.NeedId.ShouldBe(needId);
        raised.StationId.ShouldBe(Station);
        raised.CaseworkerId.ShouldBe(Caseworker);
        raised.ClientCategories.ShouldBe([ClientCategory.LivesAlone]);
        raised.Location.ShouldBe(Home);
        Given([.. Opened(), raised]).Needs.ShouldHaveSingleItem().Status.ShouldBe(NeedStatus.Open);
    }

    [Fact]
    public void Raising_a_need_on_a_closed_case_is_refused()
    {
        var closed = With(Opened(), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved away", Caseworker, Now)));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(closed), Raise(Guid.NewGuid()))).Code.ShouldBe("need.case-closed");
    }

    [Fact]
    public void A_second_open_need_of_the_same_category_is_refused_but_another_category_is_fine()
    {
        var history = With(Opened(), s => CaseDecider.Decide(s, Raise(Guid.NewGuid())));
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(history), Raise(Guid.NewGuid())))
            .Code.ShouldBe("need.already-open");
        CaseDecider.Decide(Given(history), Raise(Guid.NewGuid(), NeedCategory.Companionship)).ShouldHaveSingleItem();
    }

    [Fact]
    public void Raising_the_same_need_again_changes_nothing()
    {
        var needId = Guid.NewGuid();
        var history = With(Opened(), s => CaseDecider.Decide(s, Raise(needId)));
        CaseDecider.Decide(Given(history), Raise(needId)).ShouldBeEmpty();
    }

    [Fact]
    public void A_withdrawn_need_can_be_raised_anew_and_withdrawing_twice_changes_nothing()
    {
        var needId = Guid.NewGuid();
        var raised = With(Opened(), s => CaseDecider.Decide(s, Raise(needId)));
        var withdrawn = With(raised, s => CaseDecider.Decide(s, new WithdrawNeed(CaseId, needId, "family cooks now", Caseworker, Now)));
        withdrawn.Last().ShouldBeOfType<NeedWithdrawn>().Cause.ShouldBe(NeedWithdrawalCause.WithdrawnByCaseworker);
        CaseDecider.Decide(Given(withdrawn), new WithdrawNeed(CaseId, needId, "again", Caseworker, Now)).ShouldBeEmpty();
        CaseDecider.Decide(Given(withdrawn), Raise(Guid.NewGuid())).ShouldHaveSingleItem();
    }

    [Fact]
    public void Withdrawing_an_unknown_need_is_not_found()
    {
        Should.Throw<RecordNotFound>(() => CaseDecider.Decide(Given(Opened()), new WithdrawNeed(CaseId, Guid.NewGuid(), "x", Caseworker, Now)));
    }

    [Fact]
    public void A_fulfilled_need_cannot_be_withdrawn()
    {
        var needId = Guid.NewGuid();
        var state = Given(With(Opened(), s => CaseDecider.Decide(s, Raise(needId))));
        var fulfilled = state with { Needs = [state.Needs[0] with { Status = NeedStatus.Fulfilled }] };
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(fulfilled, new WithdrawNeed(CaseId, needId, "x", Caseworker, Now)))
            .Code.ShouldBe("need.fulfilled");
    }

    [Fact]
    public void Closing_a_case_withdraws_its_live_needs_first_and_closing_again_changes_nothing()
    {
        var meal = Guid.NewGuid();
        var visit = Guid.NewGuid();
        var history = With(With(Opened(), s => CaseDecider.Decide(s, Raise(meal))),
            s => CaseDecider.Decide(s, Raise(visit, NeedCategory.Companionship)));
        var closing = CaseDecider.Decide(Given(history), new CloseCase(CaseId, "passed away", Guid.NewGuid(), Now));

        closing.Count.ShouldBe(3);
        closing.Take(2).Cast<NeedWithdrawn>().Select(w => w.NeedId).ShouldBe([meal, visit], ignoreOrder: true);
        closing.Take(2).Cast<NeedWithdrawn>().ShouldAllBe(w => w.Cause == NeedWithdrawalCause.CaseClosed);
        closing.Last().ShouldBeOfType<CaseClosed>().StationId.ShouldBe(Station);

        var closed = Given([.. history, .. closing]);
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.Needs.ShouldAllBe(n => n.Status == NeedStatus.Withdrawn);
        CaseDecider.Decide(closed, new CloseCase(CaseId, "again", Caseworker, Now)).ShouldBeEmpty();
    }

    [Fact]
    public void Only_a_closed_case_can_be_reopened_and_then_takes_needs_again()
    {
        Should.Throw<DomainRuleViolation>(() => CaseDecider.Decide(Given(Opened()), new ReopenCase(CaseId, "x", Caseworker, Now)))
            .Code.ShouldBe("case.not-closed");
        var closed = With(Opened(), s => CaseDecider.Decide(s, new CloseCase(CaseId, "moved", Caseworker, Now)));
        var reopened = With(closed, s => CaseDecider.Decide(s, new ReopenCase(CaseId, "came back", Caseworker, Now)));
        Given(reopened).Status.ShouldBe(CaseStatus.Open);
        CaseDecider.Decide(Given(reopened), Raise(Guid.NewGuid())).ShouldHaveSingleItem();
    }
}
