using System.Net;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>A server-sent event as a client sees it.</summary>
public sealed record ServerSentEvent(long Id, string Event, JsonElement Data);

/// <summary>A real HTTP client reading GET /inbox/stream line by line.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader) { _response = response; _reader = reader; }

    public static async Task<SseClient> ConnectAsync(HttpClient client, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/stream");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The server writes "retry:" once it has registered the connection: from here nothing is missed.
        (await reader.ReadLineAsync())!.ShouldStartWith("retry:");
        return new SseClient(response, reader);
    }

    public async Task<ServerSentEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        long id = 0;
        string name = "message";
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.StartsWith("id: ")) id = long.Parse(line[4..]);
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
            else if (line.Length == 0 && data is not null) return new ServerSentEvent(id, name, JsonDocument.Parse(data).RootElement.Clone());
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class LiveStreamTests(InboxFixture fixture) : IClassFixture<InboxFixture>
{
    private NotificationsHost Host => fixture.Host;

    private static V1.ReferralExpired Expired(Guid caseworker, Guid station) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), station, caseworker, Guid.NewGuid(),
            Guid.NewGuid(), V1.ReferralStep.AwaitingApproval);

    [Fact]
    public async Task New_notifications_arrive_live_and_a_reconnect_with_Last_Event_ID_loses_none()
    {
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        var bystanderId = Guid.NewGuid();
        var bystander = Host.ClientAs(Roles.Caseworker, bystanderId, station);

        var stream = await SseClient.ConnectAsync(client);
        await using var other = await SseClient.ConnectAsync(bystander);
        var first = Expired(caseworker, station);
        await Host.PublishAsync(first);
        var live = await stream.NextAsync();
        live.Event.ShouldBe("notification");
        live.Data.GetProperty("rule").GetString().ShouldBe("referral-expired");
        live.Data.GetProperty("sequence").GetInt64().ShouldBe(live.Id);
        live.Id.ShouldBeGreaterThan(0);

        // Disconnect; two more arrive meanwhile.
        await stream.DisposeAsync();
        var second = Expired(caseworker, station);
        var third = Expired(caseworker, station);
        await Host.PublishAsync(second);
        await Host.PublishAsync(third);
        await client.InboxWithAsync("referral-expired", 3);

        await using var resumed = await SseClient.ConnectAsync(client, lastEventId: live.Id);
        var missed = new[] { await resumed.NextAsync(), await resumed.NextAsync() };
        missed.Select(e => e.Id).ShouldBeInOrder();
        missed.ShouldAllBe(e => e.Id > live.Id);
        var inbox = await client.InboxAsync();
        missed.Select(e => e.Data.GetProperty("id").GetGuid())
            .ShouldBe(inbox.Where(i => i.GetProperty("sequence").GetInt64() > live.Id).Select(i => i.GetProperty("id").GetGuid()), ignoreOrder: true);

        // And live again after the catch-up.
        await Host.PublishAsync(Expired(caseworker, station));
        (await resumed.NextAsync()).Id.ShouldBeGreaterThan(missed[1].Id);

        // The bystander's stream carried none of it: its next event is its own.
        await Host.PublishAsync(Expired(bystanderId, station));
        (await other.NextAsync()).Data.GetProperty("rule").GetString().ShouldBe("referral-expired");
        (await bystander.InboxAsync()).Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_replica_that_does_not_run_the_daemon_streams_live_to_its_own_clients_too()
    {
        // A second replica of the service on the same database and queue, as a non-leader would be: no async daemon.
        await using var replica = await new NotificationsHost(fixture.Isolation, [new("EventStore:DaemonMode", "Disabled")]).StartAsync();
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        await using var onLeader = await SseClient.ConnectAsync(Host.ClientAs(Roles.Caseworker, caseworker, station));
        await using var onReplica = await SseClient.ConnectAsync(replica.ClientAs(Roles.Caseworker, caseworker, station));

        // Whichever replica's consumer takes them, both streams carry all of them, in order, once.
        var events = Enumerable.Range(0, 3).Select(_ => Expired(caseworker, station)).ToList();
        foreach (var e in events) await Host.PublishAsync(e);
        var leaderSaw = new[] { await onLeader.NextAsync(), await onLeader.NextAsync(), await onLeader.NextAsync() };
        var replicaSaw = new[] { await onReplica.NextAsync(), await onReplica.NextAsync(), await onReplica.NextAsync() };
        replicaSaw.Select(e => e.Id).ShouldBe(leaderSaw.Select(e => e.Id));
        replicaSaw.Select(e => e.Id).ShouldBeInOrder();
        replicaSaw.Select(e => e.Data.GetProperty("id").GetGuid()).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task A_Last_Event_ID_that_is_not_a_number_is_400()
    {
        var client = Host.ClientAs(Roles.Volunteer, Guid.NewGuid());
        var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/stream");
        request.Headers.Add("Last-Event-ID", "yesterday");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Last-Event-ID");
    }
}
