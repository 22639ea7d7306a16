using FiveSocieties.Cli.Seed;

namespace FiveSocieties.UnitTests.Seed;

/// <summary>The demo city reproduces the Datong story's figures and is the same city every time.</summary>
public sealed class DemoCityTests
{
    private static readonly DemoCity City = DemoCityGenerator.Generate(households: 2_000);

    [Fact]
    public void Datong_has_its_districts_and_120_stations_covering_82_5_percent_of_townships()
    {
        City.Districts.Select(d => d.Name).ShouldBeSubsetOf(["新荣区", "平城区", "云冈区", "云州区", "阳高县", "天镇县", "广灵县", "灵丘县", "浑源县", "左云县"]);
        City.Districts.Count.ShouldBe(10);
        City.Stations.Count.ShouldBe(120);
        City.Stations.Select(s => s.Township.Code).Distinct().Count().ShouldBe(120);
        Math.Round(City.Coverage * 100, 1).ShouldBe(82.5);
    }

    [Fact]
    public void In_the_story_village_two_thirds_of_the_people_are_over_60()
    {
        var village = City.Households.Where(h => City.Stations.Single(s => s.Id == h.StationId).Township.Name == City.OldVillageTownship)
            .SelectMany(h => h.Members).ToList();
        village.ShouldNotBeEmpty();
        var over60 = village.Count(m => 2026 - m.BirthDate.Year > 60) / (double)village.Count;
        over60.ShouldBeGreaterThanOrEqualTo(0.67);
    }

    [Fact]
    public void Generating_again_gives_the_same_ids_so_seeding_twice_adds_nothing()
    {
        var again = DemoCityGenerator.Generate(households: 2_000);
        again.Households.Select(h => h.Id).ShouldBe(City.Households.Select(h => h.Id));
        again.Households.SelectMany(h => h.Clients).Select(c => c.CaseId).ShouldBe(City.Households.SelectMany(h => h.Clients).Select(c => c.CaseId));
        again.Volunteers.Select(v => v.Id).ShouldBe(City.Volunteers.Select(v => v.Id));
        City.Households.Select(h => h.Id).Distinct().Count().ShouldBe(2_000);
    }

    [Fact]
    public void Elders_and_children_have_cases_with_needs_and_volunteers_include_seniors()
    {
        var clients = City.Households.SelectMany(h => h.Clients).ToList();
        clients.ShouldContain(c => c.Group == "Elderly" && c.Categories.Contains("LivesAlone") && c.Needs.Any(n => n.Category == "MealDelivery"));
        clients.ShouldContain(c => c.Group == "Child" && c.Categories.Contains("LeftBehind") && c.Needs.Any(n => n.Category == "Tutoring"));
        City.Volunteers.ShouldContain(v => v.IsSenior);
        City.Providers.ShouldContain(p => p.Kind == "Canteen" && p.Offers.Any(o => o.Category == "MealDelivery"));
    }

    [Fact]
    public void Every_station_has_on_its_roster_the_caseworkers_its_cases_name_a_supervisor_and_a_coordinator_and_every_district_an_officer()
    {
        foreach (var station in City.Stations)
        {
            var posts = City.Posts.Where(p => p.StationId == station.Id).ToList();
            posts.ShouldAllBe(p => p.DistrictCode == station.DistrictCode);
            posts.Where(p => p.Role == "Caseworker").Select(p => p.PersonId)
                .ShouldBe(City.Households.Where(h => h.StationId == station.Id).Select(h => h.CaseworkerId).Distinct(), ignoreOrder: true);
            posts.Single(p => p.Role == "Supervisor").PersonId.ShouldBe(station.SupervisorId);
            posts.Single(p => p.Role == "Coordinator").PersonId.ShouldBe(station.CoordinatorId);
        }
        City.Posts.Where(p => p.StationId is null).ShouldAllBe(p => p.Role == "DistrictOfficer");
        City.Posts.Where(p => p.StationId is null).Select(p => p.DistrictCode).ShouldBe(City.Districts.Select(d => d.Code), ignoreOrder: true);
        City.Posts.Select(p => p.PersonId).Distinct().Count().ShouldBe(City.Posts.Count, "one post per person");
        City.Posts.ShouldAllBe(p => p.Name.Length > 0 && p.Name.Length <= 50);
        DemoCityGenerator.Generate(households: 2_000).Posts.ShouldBe(City.Posts);
    }

    [Theory]
    [InlineData("11010519491231002X")] // the standard's published example
    public void Resident_id_numbers_carry_a_valid_GB_11643_check_character(string published)
    {
        Valid(published).ShouldBeTrue();
        City.Households.SelectMany(h => h.Members).ShouldAllBe(m => Valid(m.IdNumber));
    }

    private static bool Valid(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = id[..17].Select((c, i) => (c - '0') * weights[i]).Sum();
        return id.Length == 18 && "10X98765432"[sum % 11] == id[17];
    }
}
