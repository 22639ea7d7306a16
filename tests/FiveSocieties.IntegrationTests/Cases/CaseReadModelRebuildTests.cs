using FiveSocieties.Cases.Households.Rehashing;
using FiveSocieties.BuildingBlocks.Privacy;
using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.Cases.Activities;
using FiveSocieties.Cases.ClientSearch;
using FiveSocieties.Cases.Households;
using FiveSocieties.Cases.Reports;
using FiveSocieties.Cases.Staff;
using FiveSocieties.Cases.Stations;
using FiveSocieties.Cases.Stations.Coverage;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Read models are disposable: every document of the Cases store dropped and rebuilt from the events
/// alone, the way `fivesoc rebuild cases` does it, and every route answers the same, byte for byte.
/// </summary>
public sealed class CaseReadModelRebuildTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private readonly Guid _caseworker = Guid.NewGuid();
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker, _caseworker);

    [Fact]
    public async Task Every_route_answers_the_same_after_all_read_models_are_dropped_and_rebuilt()
    {
        var supervisor = cases.ClientAs(Roles.Supervisor);
        var admin = cases.ClientAs(Roles.Admin);
        var caseIds = new List<Guid>();
        var households = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var (household, member) = await cases.RegisterClientAsync(Caseworker, name: $"孙秀{i}", grid: $"G-{i % 2}",
                latitude: 40.4 + i / 100.0, longitude: 114.1);
            households.Add(household);
            var caseId = await cases.OpenCaseForAsync(Caseworker, household, member, grid: $"G-{i % 2}");
            caseIds.Add(caseId);
            (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/assessments", AssessmentPlanAndVisitTests.Assessment(40 + 10 * i))).EnsureSuccessStatusCode();
            (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/needs", new { category = i % 2 == 0 ? "MealDelivery" : "Companionship" })).EnsureSuccessStatusCode();
            (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", new
            {
                givenBy = "Client", purpose = "DeliveryDetailsSharing", organisations = new[] { "食堂" },
                validUntil = cases.Clock.GetUtcNow().AddDays(30 + i),
            })).EnsureSuccessStatusCode();
        }
        (await Caseworker.PostAsJsonAsync($"/cases/{caseIds[1]}/service-plan", AssessmentPlanAndVisitTests.Plan("Weekly",
            DateOnly.FromDateTime(cases.Clock.GetUtcNow().UtcDateTime).AddMonths(3)))).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/cases/{caseIds[1]}/service-plan/approve", null)).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseIds[3]}/close", new { reason = "moved away" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/households/{households[2]}/merge", new { otherId = households[3] })).EnsureSuccessStatusCode();

        // A district with two townships and a station in one of them (District, Station, the coverage
        // projection over both), and an activity with its enrolments and attendance.
        var district = "9" + Random.Shared.Next(0, 100_000).ToString("00000");
        (await admin.PostAsJsonAsync($"/districts/{district}/townships", new
        {
            districtName = "重建区", townships = new[] { new { code = $"{district}001", name = "第一街道" }, new { code = $"{district}002", name = "第二街道" } },
        })).EnsureSuccessStatusCode();
        // The cases' own station, so that its ledger (which names the station) is read and rebuilt too.
        var stationId = cases.Station;
        (await admin.PostAsJsonAsync("/stations", new
        {
            stationId, districtCode = district, townshipCode = $"{district}001", name = "第一街道社工站", registeredInNationalSystem = true,
        })).EnsureSuccessStatusCode();
        // The station's roster and the district's, each a stream per person; one person left and joined again.
        var (rosterPerson, officer) = (Guid.NewGuid(), Guid.NewGuid());
        (await admin.PostAsJsonAsync($"/stations/{stationId}/staff", new { personId = rosterPerson, role = "Caseworker", name = "李秀兰" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/stations/{stationId}/staff/{rosterPerson}")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/stations/{stationId}/staff", new { personId = rosterPerson, role = "Supervisor" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/stations/{stationId}/staff", new { personId = Guid.NewGuid(), role = "Coordinator" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/districts/{district}/staff", new { personId = officer, name = "赵志明" })).EnsureSuccessStatusCode();
        var activityId = Guid.NewGuid();
        var at = cases.Clock.GetUtcNow();
        (await Caseworker.PostAsJsonAsync("/activities", new
        {
            activityId, stationId = cases.Station, title = "国画班 painting class", kind = "Group", targetGroup = "Elderly",
            startsAt = at.AddHours(-1), endsAt = at.AddHours(2), capacity = 10,
        })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId = caseIds[0] })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/attendance", new { caseIds = new[] { caseIds[0] } })).EnsureSuccessStatusCode();
        var now = cases.Clock.GetUtcNow();
        await cases.Neighbours.Bus.Publish(new V1.DeliveryMissed(Guid.NewGuid(), now, Guid.NewGuid(), caseIds[0], cases.Station, null,
            DateOnly.FromDateTime(now.UtcDateTime), V1.MissReason.NoAnswerAtDoor, true));
        await Eventually.Until(async () => (await Caseworker.GetStringAsync($"/cases/{caseIds[0]}")).Contains("\"safetyCheckRequired\":true"),
            x => x, "the missed meal");

        var station = cases.Station;
        string[] paths =
        [
            .. caseIds.Select(id => $"/cases/{id}"),
            .. households.Take(3).Select(id => $"/households/{id}"),
            $"/cases/{caseIds[0]}/timeline", $"/activities/{activityId}", $"/stations/{stationId}", $"/districts/{district}/coverage", "/coverage",
            $"/caseworkers/{_caseworker}/caseload", $"/stations/{station}/dashboard", $"/stations/{station}/open-needs",
            $"/stations/{station}/overdue-visits", $"/stations/{station}/situation-map", $"/stations/{station}/situation-map?format=geojson",
            $"/stations/{station}/ledger",
        ];
        string[] searches = ["13800001234", "孙秀0"];
        async Task<string[]> ReadAllAsync() => await Task.WhenAll(paths.Select(p => Caseworker.GetStringAsync(p))
            .Concat(searches.Select(async q => await (await Caseworker.PostAsJsonAsync("/clients/search", new { q })).Content.ReadAsStringAsync())));
        string[] adminPaths = [$"/stations/{stationId}/staff", $"/districts/{district}/staff", $"/statistics?district={district}"];
        async Task<string[]> ReadRostersAsync() => await Task.WhenAll(adminPaths.Select(p => admin.GetStringAsync(p)));
        var before = await ReadAllAsync();
        var rostersBefore = await ReadRostersAsync();

        var store = cases.Host.Services.GetRequiredService<IDocumentStore>();
        var documentTypes = new[] { typeof(Case), typeof(Household), typeof(MemberIndexEntry), typeof(ClientSearchEntry), typeof(Station), typeof(District), typeof(DistrictCoverage), typeof(Activity), typeof(StaffMember), typeof(ServiceRecord) };
        foreach (var type in documentTypes) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
        (await Caseworker.GetAsync(paths[0])).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the read documents are gone");

        var rebuilt = await store.RebuildAllProjectionsAsync();

        rebuilt.Where(r => r.Method == ProjectionRebuild.StreamByStream).Select(r => r.Projection)
            .ShouldBe(["District", "Station", "StaffMember", "Household", "Activity", "Case", "VisitOverdueNotice"], ignoreOrder: true);
        rebuilt.Where(r => r.Method == ProjectionRebuild.DaemonReplay).Count().ShouldBe(4,
            "the station audit, the district coverage, the case of each referral and the service records are event projections");
        // The member index is not in the events: it is made again from the sealed details, as `fivesoc rebuild cases` does.
        (await MemberRehash.ReindexAsync(store, cases.Host.Services.GetRequiredService<IPersonalKeyStore>(),
            cases.Host.Services.GetRequiredService<KeyedHash>(), default)).ShouldBeGreaterThanOrEqualTo(households.Count);
        rebuilt.Single(r => r.Projection == "Case").Documents.ShouldBe(caseIds.Count, "one case per case stream, none from other streams");
        var after = await ReadAllAsync();
        for (var i = 0; i < before.Length; i++) after[i].ShouldBe(before[i], i < paths.Length ? paths[i] : $"the search for {searches[i - paths.Length]}");
        var rostersAfter = await ReadRostersAsync();
        for (var i = 0; i < adminPaths.Length; i++) rostersAfter[i].ShouldBe(rostersBefore[i], adminPaths[i]);
        rostersAfter[0].ShouldContain(rosterPerson.ToString());
        rostersAfter[1].ShouldContain(officer.ToString());

        // And the rebuilt snapshots carry on: the next change to a case, a household and an activity lands on them.
        (await Caseworker.PostAsJsonAsync($"/cases/{caseIds[0]}/needs", new { category = "Companionship" })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/households/{households[0]}/merge", new { otherId = households[1] })).EnsureSuccessStatusCode();
        (await Caseworker.PostAsJsonAsync($"/activities/{activityId}/enrolments", new { caseId = caseIds[1] })).EnsureSuccessStatusCode();
        (await HttpJson.Json(await Caseworker.GetAsync($"/cases/{caseIds[0]}"))).GetProperty("needs").GetArrayLength().ShouldBe(2);
    }
}
