using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.IntegrationTests.Cases;

/// <summary>A station in China sends times with +08:00; that is valid input, never a 500.</summary>
public sealed class ConsentInLocalTimeTests(CasesWithNeighbours cases) : IClassFixture<CasesWithNeighbours>
{
    [Fact]
    public async Task A_consent_valid_until_a_China_Standard_Time_instant_is_recorded()
    {
        var caseworker = cases.ClientAs(Roles.Caseworker);
        var (household, member) = await cases.RegisterClientAsync(caseworker);
        var caseId = await cases.OpenCaseForAsync(caseworker, household, member);
        var until = cases.Clock.GetUtcNow().AddDays(90).ToOffset(TimeSpan.FromHours(8));

        var given = await caseworker.PostAsJsonAsync($"/cases/{caseId}/consents", new
        {
            givenBy = "Client", purpose = "DeliveryDetailsSharing", organisations = new[] { "长者食堂" }, validUntil = until,
        });

        given.StatusCode.ShouldBe(HttpStatusCode.Created, await given.Content.ReadAsStringAsync());
    }
}
