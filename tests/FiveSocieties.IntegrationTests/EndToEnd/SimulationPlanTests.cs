using FiveSocieties.Cli.Seed;
using FiveSocieties.Cli.Simulate;

namespace FiveSocieties.IntegrationTests.EndToEnd;

/// <summary>The simulator's plan is a pure function of the city, the options and the seed (no services needed).</summary>
public sealed class SimulationPlanTests
{
    private static readonly DemoCity Datong = DemoCityGenerator.Generate(households: 300, volunteersPerStation: 2);

    private static SimulationPlan Plan(int seed = 7, int days = 5) =>
        new(Datong, new SimulationOptions { Days = days, Start = new DateOnly(2026, 12, 1), Seed = seed, NeedsPerDay = 12 });

    [Fact]
    public void The_same_seed_gives_the_same_days_and_the_same_answers()
    {
        var (first, second) = (Plan(), Plan());
        first.Days.SelectMany(d => d.Needs).ShouldBe(second.Days.SelectMany(d => d.Needs));
        first.Days.SelectMany(d => d.Offers.Select(o => (o.OfferId, o.Title))).ShouldBe(second.Days.SelectMany(d => d.Offers.Select(o => (o.OfferId, o.Title))));
        var ids = Enumerable.Range(0, 50).Select(i => DemoCityGenerator.Id("test", i.ToString())).ToList();
        ids.Select(first.CaseworkerApproves).ShouldBe(ids.Select(second.CaseworkerApproves));
        ids.Select(first.Outcome).ShouldBe(ids.Select(second.Outcome));

        var other = Plan(seed: 8);
        other.Days.SelectMany(d => d.Needs).Select(n => n.NeedId).ShouldNotBe(first.Days.SelectMany(d => d.Needs).Select(n => n.NeedId));
    }

    [Fact]
    public void Days_follow_each_other_from_the_start_with_the_asked_number_of_needs_and_offers()
    {
        var plan = Plan(days: 4);
        plan.Days.Select(d => d.Date).ShouldBe([new(2026, 12, 1), new(2026, 12, 2), new(2026, 12, 3), new(2026, 12, 4)]);
        plan.Days.ShouldAllBe(d => d.Needs.Count == 12 && d.Offers.Count == 3);
        plan.Days.ShouldAllBe(d => d.Needs.Select(n => n.CaseId).Distinct().Count() == d.Needs.Count, "one new need per case and day");
    }

    [Fact]
    public void Needs_are_raised_on_the_citys_cases_by_their_own_caseworker_never_twice_in_a_category_a_case_holds()
    {
        var cases = Datong.Households.SelectMany(h => h.Clients.Select(c => (Household: h, Client: c))).ToDictionary(x => x.Client.CaseId);
        var needs = Plan(days: 10).Days.SelectMany(d => d.Needs).ToList();
        foreach (var need in needs)
        {
            var (household, client) = cases[need.CaseId];
            need.CaseworkerId.ShouldBe(household.CaseworkerId);
            need.StationId.ShouldBe(household.StationId);
            client.Needs.ShouldNotContain(n => n.Category == need.Category, "Cases refuses a second open need of a category");
            need.RecordsConsent.ShouldBe(need.Category == "MealDelivery" && !client.ConsentsToDeliverySharing);
            (client.Group == "Child" ? new[] { "Tutoring", "Counselling", "Goods" } : ["MealDelivery", "Companionship", "Goods", "HomeCleaning", "MedicalCheck"])
                .ShouldContain(need.Category);
        }
        needs.Select(n => (n.CaseId, n.Category)).ShouldBeUnique();
        needs.Select(n => n.NeedId).ShouldBeUnique();
    }

    [Fact]
    public void People_answer_at_the_rates_asked()
    {
        var plan = new SimulationPlan(Datong, new SimulationOptions
        {
            Days = 1, Start = new DateOnly(2026, 12, 1), CaseworkerApproves = 0.9, ProviderAccepts = 0.5, MissRate = 0.2, AcknowledgeRate = 0.7,
        });
        var ids = Enumerable.Range(0, 20_000).Select(i => DemoCityGenerator.Id("rate", i.ToString())).ToList();
        double Share(Func<Guid, bool> yes) => ids.Count(yes) / (double)ids.Count;
        Share(plan.CaseworkerApproves).ShouldBe(0.9, 0.01);
        Share(plan.ProviderAccepts).ShouldBe(0.5, 0.01);
        Share(plan.Acknowledges).ShouldBe(0.7, 0.01);
        Share(id => plan.Outcome(id) is MealOutcome.NoAnswerAtDoor or MealOutcome.RecipientAway).ShouldBe(0.2, 0.01);
        // Each volunteer decides for themselves: two volunteers asked about one delivery answer independently.
        var volunteers = Datong.Volunteers.Take(2).Select(v => v.Id).ToList();
        ids.Count(id => plan.VolunteerAccepts(id, volunteers[0]) != plan.VolunteerAccepts(id, volunteers[1])).ShouldBeGreaterThan(ids.Count / 10);
    }
}
