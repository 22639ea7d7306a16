using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Cases.Cases;
using ClientCategory = FiveSocieties.Contracts.V1.ClientCategory;
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

    private static Case Given(params object[] events)
    {
        Case? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                CaseOpened opened => Case.Create(Wrap(opened, version)),
                CaseworkerReassigned reassigned => state!.Apply(Wrap(reassigned, version)),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    private static JasperFx.Events.Event<T> Wrap<T>(T data, long version) where T : notnull => new(data) { Version = version };

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
}
