using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cli.Seed;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.EndToEnd;

/// <summary>fivesoc seed on a small Datong: through the public APIs only, with the reported coverage, and idempotent.</summary>
public sealed class SeedTests(City city) : IClassFixture<City>
{
    private HttpClient Client(string service, string role, Guid user, Guid? station, Guid? provider) =>
        city.ClientFor(service, role, user, station, provider);

    [Fact]
    public async Task Seeding_a_small_Datong_gives_the_reported_coverage_and_seeding_again_adds_nothing()
    {
        var demo = DemoCityGenerator.Generate(households: 24, volunteersPerStation: 1);
        var seeder = new CitySeeder(Client, parallelism: 4);

        var first = await seeder.SeedAsync(demo);
        first.Created.ShouldBeGreaterThan(0);
        first.Cases.ShouldBe(demo.Households.Sum(h => h.Clients.Count));

        var coverage = await HttpJson.Json(await Client("cases", Roles.Admin, Guid.NewGuid(), null, null).GetAsync("/coverage"));
        coverage.ToString().ShouldContain("平城区");
        var ratio = coverage.GetProperty("coverage").GetDouble();
        Math.Round(ratio * 100, 1).ShouldBe(82.5);

        // Every station's roster and every district's, as the city has them.
        var admin = Client("cases", Roles.Admin, Guid.NewGuid(), null, null);
        first.StaffPosts.ShouldBe(demo.Posts.Count);
        foreach (var roster in demo.Posts.GroupBy(p => p.StationId is { } station ? $"/stations/{station}/staff" : $"/districts/{p.DistrictCode}/staff"))
        {
            var staff = (await HttpJson.Json(await admin.GetAsync(roster.Key))).GetProperty("staff").EnumerateArray()
                .Select(m => (m.GetProperty("personId").GetGuid(), m.GetProperty("role").GetString())).ToList();
            staff.ShouldBe(roster.Select(p => (p.PersonId, (string?)p.Role)), ignoreOrder: true, roster.Key);
        }

        var again = await new CitySeeder(Client, parallelism: 4).SeedAsync(demo);
        again.Created.ShouldBe(0, "every create carries its id: a second seed finds everything there");
        again.AlreadyThere.ShouldBe(first.Created + first.AlreadyThere);
    }
}
