using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Backbone;
using FiveSocieties.IntegrationTests.Infrastructure;
using static FiveSocieties.IntegrationTests.Infrastructure.HttpJson;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>
/// Commands on one case at the same moment: one that named no version is decided again on what
/// the other wrote, never refused; one that named a version someone else moved past gets 409.
/// </summary>
public sealed class CaseCommandRaceTests(CasesService cases) : IClassFixture<CasesService>
{
    private readonly Guid _station = Guid.NewGuid();
    private readonly Guid _caseworker = Guid.NewGuid();

    private HttpClient Caseworker => cases.Host.ClientAs(Roles.Caseworker, _caseworker, _station);

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.NewGuid();
        (await Caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(caseId, stationId: _station))).EnsureSuccessStatusCode();
        return caseId;
    }

    private static object Visit(int hoursAgo) => new
    {
        visitId = Guid.NewGuid(), visitedAt = DateTimeOffset.UtcNow.AddHours(-hoursAgo), observations = "精神不错", concernsRaised = false,
    };

    [Fact]
    public async Task Visits_recorded_at_once_without_If_Match_are_all_recorded()
    {
        var caseId = await OpenCaseAsync();
        const int visits = 6;

        var answers = await Task.WhenAll(Enumerable.Range(1, visits).Select(i => Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", Visit(i))));

        answers.Select(a => a.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Created);
        answers.Select(a => a.Headers.ETag!.Tag).Distinct().Count().ShouldBe(visits, "each visit got a version of its own");
        var file = await Json(await Caseworker.GetAsync($"/cases/{caseId}"));
        file.GetProperty("visits").GetArrayLength().ShouldBe(visits);
        file.GetProperty("version").GetInt64().ShouldBe(1 + visits);
    }

    [Fact]
    public async Task A_visit_that_names_a_version_someone_else_moved_past_is_refused_with_409()
    {
        var caseId = await OpenCaseAsync();
        (await Caseworker.PostAsJsonAsync($"/cases/{caseId}/visits", Visit(2))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/cases/{caseId}/visits") { Content = JsonContent.Create(Visit(1)) };
        stale.Headers.IfMatch.Add(new("\"1\""));
        (await Caseworker.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await Json(await Caseworker.GetAsync($"/cases/{caseId}"))).GetProperty("visits").GetArrayLength().ShouldBe(1);
    }
}
