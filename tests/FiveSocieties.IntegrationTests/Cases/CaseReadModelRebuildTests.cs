using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Households;
using FiveSocieties.IntegrationTests.Infrastructure;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using V1 = FiveSocieties.Contracts.V1;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>Read models are disposable: dropped and rebuilt from the events alone, every route answers the same.</summary>
public sealed class CaseReadModelRebuildTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    private readonly Guid _caseworker = Guid.NewGuid();
    private HttpClient Caseworker => cases.ClientAs(Roles.Caseworker, _caseworker);

    [Fact]
    public async Task Cases_households_and_the_station_routes_answer_the_same_after_a_rebuild()
    {
        var supervisor = cases.ClientAs(Roles.Supervisor);
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
        var now = cases.Clock.GetUtcNow();
        await cases.Neighbours.Bus.Publish(new V1.DeliveryMissed(Guid.NewGuid(), now, Guid.NewGuid(), caseIds[0], cases.Station, null,
            DateOnly.FromDateTime(now.UtcDateTime), V1.MissReason.NoAnswerAtDoor, true));
        await Eventually.Until(async () => (await Caseworker.GetStringAsync($"/cases/{caseIds[0]}")).Contains("\"safetyCheckRequired\":true"),
            x => x, "the missed meal");

        var station = cases.Station;
        string[] paths =
        [
            .. caseIds.Select(id => $"/cases/{id}"),
            .. households.Select(id => $"/households/{id}"),
            $"/caseworkers/{_caseworker}/caseload", $"/stations/{station}/dashboard", $"/stations/{station}/open-needs",
            $"/stations/{station}/overdue-visits", $"/stations/{station}/situation-map", $"/stations/{station}/situation-map?format=geojson",
        ];
        async Task<string[]> ReadAllAsync() => await Task.WhenAll(paths.Select(p => Caseworker.GetStringAsync(p)));
        var before = await ReadAllAsync();

        var store = cases.Host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(Case));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(Household));
        await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(MemberIndexEntry));
        (await Caseworker.GetAsync(paths[0])).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the read documents are gone");

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<Case>(CancellationToken.None);
            await daemon.RebuildProjectionAsync<Household>(CancellationToken.None);
            await daemon.RebuildProjectionAsync<MemberIndexProjection>(CancellationToken.None);
        }

        var after = await ReadAllAsync();
        for (var i = 0; i < paths.Length; i++) after[i].ShouldBe(before[i], paths[i]);
    }
}
