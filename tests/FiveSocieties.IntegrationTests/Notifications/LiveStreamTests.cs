using System.Net;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Issuing;
using FiveSocieties.Notifications.LiveStream;
using FiveSocieties.Notifications.Notifications;
using FiveSocieties.Notifications.Recipients;
using FiveSocieties.Notifications.Rules;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>A server-sent event as a client sees it.</summary>
public sealed record ServerSentEvent(string Id, string Event, JsonElement Data)
{
    /// <summary>The notification's position in its recipient's inbox.</summary>
    public long Position => Data.GetProperty("position").GetInt64();
    public Guid NotificationId => Data.GetProperty("id").GetGuid();
}

/// <summary>A real HTTP client reading GET /inbox/stream line by line.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader) { _response = response; _reader = reader; }

    /// <summary>Opens the stream at <paramref name="path"/> (the Web host forwards it from /api/notifications/inbox/stream).</summary>
    public static async Task<SseClient> ConnectAsync(HttpClient client, string? lastEventId = null, string path = "/inbox/stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The server writes "retry:" once it has registered the connection: from here nothing is missed.
        (await reader.ReadLineAsync())!.ShouldStartWith("retry:");
        return new SseClient(response, reader);
    }

    public async Task<ServerSentEvent> NextAsync(TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var id = "";
        var name = "message";
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.StartsWith("id: ")) id = line[4..];
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
        live.Position.ShouldBe(1, "the first notification of this inbox");
        live.Id.ShouldBe("1", "a caseworker reads one inbox: the id is its position");

        // Disconnect; two more arrive meanwhile.
        await stream.DisposeAsync();
        var second = Expired(caseworker, station);
        var third = Expired(caseworker, station);
        await Host.PublishAsync(second);
        await Host.PublishAsync(third);
        await client.InboxWithAsync("referral-expired", 3);

        await using var resumed = await SseClient.ConnectAsync(client, lastEventId: live.Id);
        var missed = new[] { await resumed.NextAsync(), await resumed.NextAsync() };
        missed.Select(e => e.Position).ShouldBe([2, 3]);
        missed.Select(e => e.Id).ShouldBe(["2", "3"]);
        var inbox = await client.InboxAsync();
        missed.Select(e => e.NotificationId)
            .ShouldBe(inbox.Where(i => i.GetProperty("position").GetInt64() > 1).Select(i => i.GetProperty("id").GetGuid()), ignoreOrder: true);

        // And live again after the catch-up, with nothing sent twice.
        await Host.PublishAsync(Expired(caseworker, station));
        (await resumed.NextAsync()).Position.ShouldBe(4);

        // The bystander's stream carried none of it: its next event is its own.
        await Host.PublishAsync(Expired(bystanderId, station));
        (await other.NextAsync()).Data.GetProperty("rule").GetString().ShouldBe("referral-expired");
        (await bystander.InboxAsync()).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Every_replica_streams_live_to_its_own_clients_whichever_replica_created_the_notification()
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
        replicaSaw.Select(e => e.Position).ShouldBe([1, 2, 3]);
        replicaSaw.Select(e => e.NotificationId).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task A_source_event_published_again_is_not_streamed_again_and_the_number_it_used_up_is_skipped()
    {
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        await using var stream = await SseClient.ConnectAsync(client);
        var first = Expired(caseworker, station);
        await Host.PublishAsync(first);
        var original = await stream.NextAsync();
        original.Position.ShouldBe(1);

        // Re-published under another MessageId: the notifier finds the notification, and the number it took stays unused.
        var copy = Guid.NewGuid();
        await Host.PublishAsync(first, messageId: copy);
        await Eventually.Until(() => Host.RulesHandledAsync(copy), handled => handled, "the copy handled");
        await Host.PublishAsync(Expired(caseworker, station));
        var next = await stream.NextAsync();
        next.NotificationId.ShouldNotBe(original.NotificationId, "the first one is not streamed again");
        next.Position.ShouldBe(3);
        (await client.InboxAsync()).Length.ShouldBe(2);

        // A client resuming from before the hole gets the second notification once, over the hole.
        await using var resumed = await SseClient.ConnectAsync(client, "1");
        (await resumed.NextAsync()).NotificationId.ShouldBe(next.NotificationId);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1-2")] // a volunteer reads one inbox
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_Last_Event_ID_that_is_not_one_position_per_inbox_is_400(string lastEventId)
    {
        var client = Host.ClientAs(Roles.Volunteer, Guid.NewGuid());
        var request = new HttpRequestMessage(HttpMethod.Get, "/inbox/stream");
        request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Last-Event-ID");
    }

    [Fact]
    public async Task A_provider_s_user_resumes_their_own_inbox_and_their_organisation_s_each_from_where_they_were()
    {
        var (userId, provider, station) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var client = Host.ClientAs(Roles.Provider, userId, providerId: provider);
        var stream = await SseClient.ConnectAsync(client);

        await IssueAsync(ToProvider(provider, station));
        (await stream.NextAsync()).Id.ShouldBe("0-1", "their own inbox, then the organisation's");
        await IssueAsync(ToUser(userId, station));
        var last = await stream.NextAsync();
        last.Id.ShouldBe("1-1");
        await stream.DisposeAsync();

        // While away: one more each.
        await IssueAsync(ToProvider(provider, station), ToUser(userId, station));
        await using var resumed = await SseClient.ConnectAsync(client, last.Id);
        var missed = new[] { await resumed.NextAsync(), await resumed.NextAsync() };
        missed.Select(e => e.Id).ShouldBe(["2-1", "2-2"]);
        missed.Select(e => e.Position).ShouldBe([2, 2]);

        // An id of one part (from before they joined the organisation, say) resumes their own inbox; the organisation's from now.
        await using var fromOwn = await SseClient.ConnectAsync(client, "1");
        (await fromOwn.NextAsync()).Id.ShouldBe("2-2");
    }

    [Fact]
    public async Task Notifications_to_one_inbox_committed_at_the_same_moment_take_every_position_once_and_stream_in_order()
    {
        var (first, second, station) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var stream = await SseClient.ConnectAsync(Host.ClientAs(Roles.Caseworker, first, station));

        // 30 transactions at once, each to both inboxes, half naming them in the other order: no deadlock, no gap, no repeat.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => i % 2 == 0
            ? IssueAsync(ToUser(first, station), ToUser(second, station))
            : IssueAsync(ToUser(second, station), ToUser(first, station)))));

        await using var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        foreach (var inbox in new[] { first, second })
            (await query.Query<Notification>().Where(n => n.RecipientId == inbox).Select(n => n.Position).ToListAsync())
                .Order().ShouldBe(Enumerable.Range(1, 30).Select(p => (long)p));
        var streamed = new List<long>();
        for (var i = 0; i < 30; i++) streamed.Add((await stream.NextAsync()).Position);
        streamed.ShouldBe(Enumerable.Range(1, 30).Select(p => (long)p));
    }

    [Fact]
    public async Task A_notification_committed_without_a_notice_reaches_the_stream_before_the_next_one_and_when_the_listener_comes_back()
    {
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        await using var stream = await SseClient.ConnectAsync(Host.ClientAs(Roles.Caseworker, caseworker, station));

        // A hole: position 1 commits unannounced; position 2 is announced. The stream fills the hole from the store first.
        await IssueSilentlyAsync(caseworker, station);
        await IssueAsync(ToUser(caseworker, station));
        (await stream.NextAsync()).Position.ShouldBe(1);
        (await stream.NextAsync()).Position.ShouldBe(2);

        // Notices lost while the listener's connection is down: when it listens again, every stream catches up.
        await IssueSilentlyAsync(caseworker, station);
        // Its connection may not be listening yet if this test runs first (it starts with the host): terminate it once it is.
        var channel = $"fivesoc_inbox_{fixture.Isolation.SchemaFor("notifications")}";
        await Eventually.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(LocalServers.Postgres);
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where query = $1", connection)
            {
                Parameters = { new() { Value = $"LISTEN \"{channel}\"" } },
            };
            return (long)(await kill.ExecuteScalarAsync())!;
        }, killed => killed > 0, "the service's listening connection, terminated");
        (await stream.NextAsync()).Position.ShouldBe(3);
        var ready = JsonDocument.Parse(await Host.CreateClient().GetStringAsync("/health/ready")).RootElement;
        ready.GetProperty("checks").GetProperty("live-stream").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_stream_sends_what_the_inbox_holds_whether_the_notice_carried_the_notification_or_only_named_it()
    {
        // Read on another replica: this one's streams are handed its commits directly, the other's hear of them by notice.
        await using var replica = await new NotificationsHost(fixture.Isolation, [new("EventStore:DaemonMode", "Disabled")]).StartAsync();
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var client = Host.ClientAs(Roles.Caseworker, caseworker, station);
        await using var here = await SseClient.ConnectAsync(client);
        await using var there = await SseClient.ConnectAsync(replica.ClientAs(Roles.Caseworker, caseworker, station));

        // Fifteen notifications of ~1.9 kB of UTF-8 each (600 Chinese characters) in one transaction: several notices,
        // split by bytes, not characters; and one of ~9 kB, too large for any notice, which the notice only names.
        var intents = Enumerable.Range(0, 15).Select(i => ToUser(caseworker, station, new string('长', 600) + i))
            .Append(ToUser(caseworker, station, new string('者', 3_000))).ToArray();
        await IssueAsync(intents);

        var inbox = (await client.InboxAsync()).ToDictionary(i => i.GetProperty("id").GetGuid(), i => i.GetRawText());
        foreach (var stream in new[] { here, there })
        {
            var streamed = new List<ServerSentEvent>();
            for (var i = 0; i < intents.Length; i++) streamed.Add(await stream.NextAsync());
            streamed.Select(e => e.Position).ShouldBe(Enumerable.Range(1, 16).Select(p => (long)p));
            foreach (var e in streamed) e.Data.GetRawText().ShouldBe(inbox[e.NotificationId], "the live item is the inbox's item");
        }
    }

    [Fact]
    public async Task This_replica_s_streams_are_handed_its_new_notifications_as_the_commit_returns_and_not_before()
    {
        var (caseworker, station) = (Guid.NewGuid(), Guid.NewGuid());
        var broadcaster = Host.Services.GetRequiredService<InboxBroadcaster>();
        var connection = broadcaster.Connect([caseworker]);
        try
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            var issued = await Host.Services.GetRequiredService<Notifier>()
                .IssueAsync(session, [ToUser(caseworker, station)], DateTimeOffset.UtcNow, CancellationToken.None);
            connection.Reader.TryRead(out _).ShouldBeFalse("nothing is handed on before it commits");

            await session.SaveChangesAsync();
            // No waiting: this replica's own notice is passed over by its listener, so this came from the commit itself.
            connection.Reader.TryRead(out var handed).ShouldBeTrue("handed on as the commit returned");
            handed.Notification.ShouldNotBeNull().Id.ShouldBe(issued.Created.Single());
            handed.Notification.Position.ShouldBe(1);

            // Its notice names this replica, which the listener tells without parsing the notification in it.
            var notice = InboxNotices.Item(handed.Notification, broadcaster.Replica);
            InboxNotices.IsFrom(notice, broadcaster.Replica).ShouldBeTrue();
            InboxNotices.IsFrom(notice, Guid.NewGuid()).ShouldBeFalse();
            InboxNotices.Parse(notice).ShouldNotBeNull().Origin.ShouldBe(broadcaster.Replica);
        }
        finally
        {
            broadcaster.Disconnect(connection);
        }
    }

    private static NotificationIntent ToUser(Guid user, Guid station, string? note = null) =>
        new("referral-expired", new Audience.User(user, RecipientKind.Caseworker), Urgency.Normal, Batching.Immediately, Guid.NewGuid(), station,
            null, note is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["note"] = note });

    private static NotificationIntent ToProvider(Guid provider, Guid station) =>
        new("referral-expired", new Audience.Provider(provider), Urgency.Normal, Batching.Immediately, Guid.NewGuid(), station, null,
            new Dictionary<string, string>());

    /// <summary>As a rule consumer does: the notifier in a session of its own, then commit.</summary>
    private async Task IssueAsync(params NotificationIntent[] intents)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await Host.Services.GetRequiredService<Notifier>().IssueAsync(session, intents, DateTimeOffset.UtcNow, CancellationToken.None);
        await session.SaveChangesAsync();
    }

    /// <summary>A notification committed with its position but no commit notice, as if the notice were lost.</summary>
    private async Task IssueSilentlyAsync(Guid user, Guid station)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await session.BeginTransactionAsync(CancellationToken.None);
        var batch = session.CreateBatchQuery();
        var taken = InboxPositions.Take(batch, session.DocumentStore.Options.DatabaseSchemaName, new Dictionary<Guid, int> { [user] = 1 });
        await batch.Execute();
        var position = (await taken)[user];
        var id = Guid.NewGuid();
        session.Events.StartStream<Notification>(id, new NotificationCreated(id, user, RecipientKind.Caseworker, "referral-expired",
            Urgency.Normal, Guid.NewGuid(), station, null, new Dictionary<string, string>(), [], null, DateTimeOffset.UtcNow, position));
        await session.SaveChangesAsync();
    }
}
