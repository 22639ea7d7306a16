using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Volunteers.Deliveries;
using FiveSocieties.Volunteers.Enrolments;
using FiveSocieties.Volunteers.Registry;
using FiveSocieties.Volunteers.ServedCases;
using FiveSocieties.Volunteers.TimeBank;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FiveSocieties.IntegrationTests.Volunteers;

/// <summary>
/// Volunteers' read models dropped and rebuilt from the events alone, as `fivesoc rebuild volunteers`
/// does: the registry, enrolments, a day's deliveries at different steps and the time bank answer the
/// same, byte for byte, and dispatch carries on from them.
/// </summary>
public sealed class VolunteersRebuildTests(VolunteersService service) : IClassFixture<VolunteersService>
{
    private readonly Guid _station = Guid.NewGuid();

    [Fact]
    public async Task The_registry_enrolments_deliveries_and_hours_answer_the_same_after_their_documents_are_rebuilt()
    {
        var date = service.LocalToday.AddDays(3);
        var volunteer = await service.VolunteerAsync(_station, 40.092, 113.296);
        var (done, open) = (Guid.NewGuid(), Guid.NewGuid());
        await service.EnrolAsync(done, _station, "吴奶奶", 40.095, 113.30);
        await service.EnrolAsync(open, _station, "郑爷爷", 40.097, 113.30, livesAlone: true);
        var coordinator = service.ClientAs(Roles.Supervisor, Guid.NewGuid(), _station);
        (await coordinator.PostAsJsonAsync("/deliveries/plan", new { date })).EnsureSuccessStatusCode();
        var deliveries = (await VolunteersService.GetJson(coordinator, $"/deliveries?date={date:yyyy-MM-dd}")).EnumerateArray().ToArray();
        Guid DeliveryOf(Guid caseId) => deliveries.Single(d => d.GetProperty("caseId").GetGuid() == caseId).GetProperty("id").GetGuid();

        // One delivery completed (hours credited), the other still offered.
        var client = service.ClientAs(Roles.Volunteer, volunteer);
        var completed = DeliveryOf(done);
        (await client.PostAsync($"/deliveries/{completed}/accept", null)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/deliveries/{completed}/pickup", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/deliveries/{completed}/complete", new { wellbeing = "Fine" })).EnsureSuccessStatusCode();

        var reads = new (HttpClient Client, string Path)[]
        {
            (client, $"/volunteers/{volunteer}"), (client, $"/volunteers/{volunteer}/hours"), (client, $"/volunteers/{volunteer}/tasks"),
            (coordinator, "/enrolments"), (coordinator, $"/deliveries?date={date:yyyy-MM-dd}"),
        };
        async Task<string[]> ReadAllAsync() => await Task.WhenAll(reads.Select(r => r.Client.GetStringAsync(r.Path)));
        var before = await ReadAllAsync();

        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        foreach (var type in new[] { typeof(ServedCase), typeof(Volunteer), typeof(MealEnrolment), typeof(Delivery), typeof(TimeBankAccount) })
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
        (await client.GetAsync($"/volunteers/{volunteer}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the documents are gone");

        var rebuilt = await store.RebuildAllProjectionsAsync();

        rebuilt.Select(r => r.Projection).ShouldBe(
            [nameof(ServedCase), nameof(Volunteer), nameof(MealEnrolment), nameof(Delivery), nameof(TimeBankAccount)], ignoreOrder: true);
        var after = await ReadAllAsync();
        for (var i = 0; i < before.Length; i++) after[i].ShouldBe(before[i], reads[i].Path);

        // And the rebuilt documents carry on: the offered delivery is accepted and completed, and the hours add up.
        var next = DeliveryOf(open);
        (await client.PostAsync($"/deliveries/{next}/accept", null)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/deliveries/{next}/pickup", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/deliveries/{next}/complete", new { wellbeing = "Fine" })).EnsureSuccessStatusCode();
        (await VolunteersService.GetJson(client, $"/volunteers/{volunteer}/hours")).GetProperty("balance").GetDecimal().ShouldBe(1.0m);
    }
}
