using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;
using FiveSocieties.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>
/// RabbitMQ unreachable under a flow (the connection between Cases and the broker cut; the broker
/// itself up, and the consumer on the other side of it connected). No call of Cases needs the
/// broker: a write appends to the event store, which is the outbox, and answers 201 throughout;
/// reads answer. So the service stays ready: the bus turns Degraded at once, and once the relay's
/// publish of a new event times out and the relay pauses, the daemon's check turns Degraded too
/// (unready would take every replica out of the load balancer together while each could still take
/// writes). Once the connection is back every check is healthy again and every case opened, before
/// or during the outage, reaches the consumer exactly once. Prints how long recovery took (not asserted).
/// </summary>
public sealed class BrokerOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestIsolation _isolation = new();
    private static readonly Guid Station = Guid.NewGuid();
    private TcpCutter _broker = null!;
    private ProbeService _probe = null!;
    private ServiceHost<Case> _cases = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        _probe = await ProbeService.StartAsync(_isolation);
        _broker = TcpCutter.To(_isolation.Broker.Host, _isolation.Broker.Port);
        var throughTheCut = new UriBuilder(_isolation.Broker) { Host = "127.0.0.1", Port = _broker.Port }.Uri;
        _cases = await new ServiceHost<Case>("cases", _isolation, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:RabbitMq"] = throughTheCut.ToString(),
            ["Relay:PublishTimeout"] = "00:00:03",
        }).StartAsync();
    }

    public async Task DisposeAsync()
    {
        _broker.Restore();
        await _cases.DisposeAsync();
        await _probe.DisposeAsync();
        await _broker.DisposeAsync();
        await _isolation.DisposeAsync();
    }

    /// <summary>/health/ready's status code and what it says of the bus (MassTransit's check) and the daemon (the relay's).</summary>
    private async Task<(HttpStatusCode Status, string Bus, string Daemon)> ReadinessAsync()
    {
        using var response = await _cases.CreateClient().GetAsync("/health/ready");
        var checks = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("checks");
        return (response.StatusCode, checks.GetProperty("masstransit-bus").GetProperty("status").GetString()!,
            checks.GetProperty("daemon").GetProperty("status").GetString()!);
    }

    private async Task<List<Guid>> OpenCasesAsync(HttpClient caseworker, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            using var response = await caseworker.PostAsJsonAsync("/cases", FourServicesTests.NewCase(id, stationId: Station));
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public async Task While_RabbitMQ_is_unreachable_writes_land_in_the_outbox_and_every_case_reaches_the_consumer_once_after()
    {
        var caseworker = _cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), Station);
        var before = await OpenCasesAsync(caseworker, 10);
        await Eventually.Until(_probe.EffectsAsync, e => e.Count >= before.Count, "the cases opened before the outage at the consumer");
        (await ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Healthy", "Healthy"));

        _broker.Cut();
        await Eventually.Until(ReadinessAsync, ready => ready.Bus != "Healthy", "the bus reported down");
        (await ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Degraded", "Healthy"), "still ready: nothing has failed to go out yet");

        // During the outage: writes succeed (the event store is the outbox) and reads answer.
        var during = await OpenCasesAsync(caseworker, 10);
        foreach (var id in during.Take(3))
        {
            using var read = await caseworker.GetAsync($"/cases/{id}");
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The relay's publish of those cases times out (3 s here, 30 s by default): it pauses, and says so, still ready.
        await Eventually.Until(ReadinessAsync, ready => ready.Daemon != "Healthy", "the relay's pause reported");
        (await ReadinessAsync()).ShouldBe((HttpStatusCode.OK, "Degraded", "Degraded"));
        during.AddRange(await OpenCasesAsync(caseworker, 1));
        (await _probe.EffectsAsync()).Count.ShouldBe(before.Count, "nothing opened during the outage can have gone out");

        var restored = Stopwatch.StartNew();
        _broker.Restore();
        await Eventually.Until(ReadinessAsync, ready => ready.Bus == "Healthy", "the bus back", TimeSpan.FromSeconds(120));
        var ready = restored.Elapsed;
        var all = before.Concat(during).ToList();
        await Eventually.Until(_probe.EffectsAsync, e => e.Count >= all.Count, "every case at the consumer", TimeSpan.FromSeconds(120));
        var delivered = restored.Elapsed;
        output.WriteLine($"RabbitMQ back: the bus connected after {ready.TotalSeconds:F1} s, the {during.Count} cases opened during the outage at the consumer after {delivered.TotalSeconds:F1} s");

        // Once each: counted after every delivery has been seen (a late repeat would show).
        await Eventually.Until(() => Task.FromResult(_probe.Log.Deliveries.Count), n => n >= all.Count, "every delivery seen");
        var effects = await _probe.EffectsAsync();
        effects.Count.ShouldBe(all.Count);
        effects.Select(e => e.CaseId).Order().ShouldBe(all.Order());
        // Their publish on commit failed too, and left them to the relay's catch-up.
        _cases.Services.GetRequiredService<PublishOnCommit>().Counts.LeftToDaemon.ShouldBeGreaterThanOrEqualTo(during.Count);
        await Eventually.Until(ReadinessAsync, r => r == (HttpStatusCode.OK, "Healthy", "Healthy"), "every check healthy again");
    }
}
