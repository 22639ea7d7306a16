using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Delivery.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using netDumbster.smtp;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.IntegrationTests.Notifications;

public sealed record ReceivedCall(string Hook, string? Timestamp, string? Signature, string? NotificationId, string Body);

/// <summary>A real local HTTP server (Kestrel) standing in for a client's webhook endpoint; each hook answers from its script.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();
    private readonly ConcurrentDictionary<string, Func<int, int>> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    public string BaseUrl { get; }

    private WebhookReceiver(WebApplication app, string baseUrl) { _app = app; BaseUrl = baseUrl; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver!.Calls.Enqueue(new ReceivedCall(name, request.Headers[WebhookSender.TimestampHeader], request.Headers[WebhookSender.SignatureHeader],
                request.Headers[WebhookSender.NotificationHeader], body));
            var call = receiver._counts.AddOrUpdate(name, 1, (_, n) => n + 1);
            return Results.StatusCode(receiver._scripts.TryGetValue(name, out var script) ? script(call) : 200);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    /// <summary>How the hook answers its n-th call (1-based).</summary>
    public void Script(string hook, Func<int, int> status) => _scripts[hook] = status;
    public string Url(string hook) => $"{BaseUrl}/hooks/{hook}";
    public ReceivedCall[] CallsTo(string hook) => Calls.Where(c => c.Hook == hook).ToArray();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ChannelsFixture : IAsyncLifetime
{
    public TestIsolation Isolation { get; } = new();
    public NotificationsHost Host { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;
    public SimpleSmtpServer Smtp { get; private set; } = null!;

    /// <summary>
    /// Every e-mail the SMTP server received, collected as each arrives: netDumbster's own
    /// <c>ReceivedEmail</c> copies its list unguarded and can throw when read while one arrives.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<netDumbster.smtp.SmtpMessage> Mails { get; } = new();

    public async Task InitializeAsync()
    {
        await Isolation.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        var port = FreePort();
        Smtp = SimpleSmtpServer.Start(port);
        Smtp.MessageReceived += (_, e) => Mails.Enqueue(e.Message);
        Host = await new NotificationsHost(Isolation, [
            new("Notifications:DeliverySweepInterval", "00:00:00.100"),
            new("Notifications:Webhooks:Retries", "2"),
            new("Notifications:Webhooks:RetryBaseDelay", "00:00:00.010"),
            new("Notifications:Webhooks:BreakerMinimumThroughput", "3"),
            new("Notifications:Webhooks:BreakDuration", "00:10:00"),
            new("Notifications:Smtp:Host", "127.0.0.1"),
            new("Notifications:Smtp:Port", port.ToString()),
            new("Notifications:Smtp:RetryBaseDelay", "00:00:00.010"),
        ]).StartAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Receiver is not null) await Receiver.DisposeAsync();
        Smtp?.Stop();
        await Isolation.DisposeAsync();
    }
}

/// <summary>Webhooks against a real local HTTP server, e-mail against a real local SMTP server.</summary>
public sealed class ChannelsTests(ChannelsFixture fixture) : IClassFixture<ChannelsFixture>
{
    private NotificationsHost Host => fixture.Host;
    private WebhookReceiver Receiver => fixture.Receiver;
    private const string Secret = "a-shared-secret-of-the-canteen";

    private Task Accepted(Guid caseworker) =>
        Host.PublishAsync(new V1.ReferralAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            caseworker, Guid.NewGuid(), Guid.NewGuid(), "长者食堂", V1.NeedCategory.MealDelivery, null, null));

    private async Task<Guid> RegisterAsync(HttpClient client, string hook)
    {
        var created = await HttpJson.Json(await client.PostAsJsonAsync("/webhooks", new { url = Receiver.Url(hook), secret = Secret }));
        return created.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_webhook_receives_each_notification_signed_with_HMAC_SHA256_over_timestamp_and_body()
    {
        var caseworker = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Caseworker, caseworker, Guid.NewGuid());
        await RegisterAsync(client, "signed");
        await Accepted(caseworker);

        var call = (await Eventually.Until(() => Task.FromResult(Receiver.CallsTo("signed")), c => c.Length == 1, "the webhook call"))[0];
        var timestamp = long.Parse(call.Timestamp!);
        call.Signature.ShouldBe(WebhookSender.Sign(Secret, timestamp, call.Body));
        call.Signature.ShouldNotBe(WebhookSender.Sign("another-secret-entirely", timestamp, call.Body));
        var body = JsonDocument.Parse(call.Body).RootElement;
        body.GetProperty("notification").GetProperty("rule").GetString().ShouldBe("referral-accepted");
        body.GetProperty("notification").GetProperty("id").GetString().ShouldBe(call.NotificationId);

        (await client.InboxAsync()).Single().GetProperty("id").GetString().ShouldBe(call.NotificationId);
    }

    [Fact]
    public async Task A_webhook_answering_500_is_retried_with_back_off_until_it_succeeds()
    {
        var caseworker = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Caseworker, caseworker, Guid.NewGuid());
        Receiver.Script("flaky", call => call <= 2 ? 500 : 200);
        await RegisterAsync(client, "flaky");
        await Accepted(caseworker);

        await Eventually.Until(() => Task.FromResult(Receiver.CallsTo("flaky")), c => c.Length == 3, "three tries");
        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        var failures = await HttpJson.Json(await admin.GetAsync("/deliveries/failures"));
        failures.EnumerateArray().ShouldNotContain(f => f.GetProperty("recipientId").GetGuid() == caseworker);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_dead_lettered_for_admins_and_its_circuit_opens()
    {
        var provider = Guid.NewGuid();
        var canteen = Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: provider);
        Receiver.Script("down", _ => 500);
        var hook = await RegisterAsync(canteen, "down");
        var proposed = (Guid id) => new V1.ReferralProposed(id, DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Guid.NewGuid(), Guid.NewGuid(), provider, "长者食堂", "午餐", V1.NeedCategory.MealDelivery, 0.9, [], DateTimeOffset.UtcNow.AddDays(1));
        await Host.PublishAsync(proposed(Guid.NewGuid()));

        var admin = Host.ClientAs(Roles.Admin, Guid.NewGuid());
        var dead = await Eventually.Until(async () => (await HttpJson.Json(await admin.GetAsync("/deliveries/failures"))).EnumerateArray()
            .Where(f => f.GetProperty("recipientId").GetGuid() == provider).ToArray(), f => f.Length == 1, "the dead letter");
        dead[0].GetProperty("channel").GetString().ShouldBe("Webhook");
        dead[0].GetProperty("webhookId").GetGuid().ShouldBe(hook);
        dead[0].GetProperty("reason").GetString()!.ShouldContain("HTTP 500 after 3 tries");
        Receiver.CallsTo("down").Length.ShouldBe(3); // the first try and two retries

        // Three failures in a row opened this endpoint's circuit: the next delivery does not call it, and waits.
        var second = Guid.NewGuid();
        await Host.PublishAsync(proposed(second));
        var waiting = await Eventually.Until(async () =>
        {
            await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await Marten.QueryableExtensions.ToListAsync(session.Query<FiveSocieties.Notifications.Notifications.Notification>()
                .Where(n => n.SourceEventId == second && n.Version >= 2)); // created, then the webhook attempted
        }, n => n.Count == 1, "the second delivery attempted");
        waiting[0].NextDeliveryAt.ShouldNotBeNull();
        waiting[0].NextDeliveryAt!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(5));
        Receiver.CallsTo("down").Length.ShouldBe(3);
        // The inbox has both: the circuit holds back only the webhook.
        (await canteen.InboxWithAsync("referral-proposed.accept", 2)).Length.ShouldBe(2);
    }

    [Fact]
    public async Task A_webhook_url_that_is_not_absolute_http_and_a_short_secret_are_400_naming_both()
    {
        var client = Host.ClientAs(Roles.Caseworker, Guid.NewGuid());
        var response = await client.PostAsJsonAsync("/webhooks", new { url = "ftp://example.org/hook", secret = "short" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.TryGetProperty("url", out _).ShouldBeTrue();
        errors.TryGetProperty("secret", out _).ShouldBeTrue();
        (await client.PostAsJsonAsync("/webhooks", new { url = "/relative", secret = Secret })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HttpJson.Json(await client.GetAsync("/webhooks"))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_webhook_secret_is_sealed_at_rest_and_removing_the_webhook_stops_deliveries_and_shreds_it()
    {
        var caseworker = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Caseworker, caseworker, Guid.NewGuid());
        var hook = await RegisterAsync(client, "removed");
        (await client.PostAsJsonAsync("/webhooks", new { id = hook, url = Receiver.Url("removed"), secret = Secret }))
            .StatusCode.ShouldBe(HttpStatusCode.OK); // the same again: idempotent, although the sealed form differs each time

        // Neither the event nor the document holds the secret in clear.
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            var registered = (await session.Events.FetchStreamAsync(hook)).Select(e => e.Data).OfType<WebhookRegistered>().Single();
            registered.SealedSecret.ShouldNotBeNull().ShouldNotContain(Secret);
            (await session.LoadAsync<Webhook>(hook))!.SealedSecret.ShouldBe(registered.SealedSecret);
        }

        // Someone else cannot remove it (404, as if it did not exist); its owner can, twice.
        (await Host.ClientAs(Roles.Caseworker, Guid.NewGuid()).DeleteAsync($"/webhooks/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/webhooks/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/webhooks/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/webhooks/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync("/webhooks/not-a-guid")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HttpJson.Json(await client.GetAsync("/webhooks"))).GetArrayLength().ShouldBe(0);
        await using (var session = store.QuerySession())
            (await session.LoadAsync<FiveSocieties.BuildingBlocks.Privacy.SubjectKey>(hook)).ShouldBeNull(); // the secret is shredded

        // A notification after the removal reaches the inbox and plans no webhook delivery.
        await Accepted(caseworker);
        await client.InboxWithAsync("referral-accepted");
        await using (var session = store.QuerySession())
            (await Marten.QueryableExtensions.ToListAsync(session.Query<FiveSocieties.Notifications.Notifications.Notification>()
                .Where(n => n.RecipientId == caseworker))).Single().Pending.ShouldBeEmpty();
        Receiver.CallsTo("removed").ShouldBeEmpty();

        // An admin may remove anyone's.
        var other = Guid.NewGuid();
        var theirs = await RegisterAsync(Host.ClientAs(Roles.Provider, Guid.NewGuid(), providerId: other), "theirs");
        (await Host.ClientAs(Roles.Admin, Guid.NewGuid()).DeleteAsync($"/webhooks/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_webhook_registered_before_secrets_were_sealed_is_still_signed_for_and_its_removal_masks_the_secret()
    {
        var caseworker = Guid.NewGuid();
        var client = Host.ClientAs(Roles.Caseworker, caseworker, Guid.NewGuid());
        const string inClear = "a-secret-registered-before-sealing";
        var hook = Guid.NewGuid();
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            // The event as it was written then: the secret in clear, no sealed secret, no key.
            session.Events.StartStream<Webhook>(hook,
                new WebhookRegistered(hook, caseworker, Receiver.Url("in-clear"), SealedSecret: null, caseworker, DateTimeOffset.UtcNow, Secret: inClear));
            await session.SaveChangesAsync();
        }

        await Accepted(caseworker);
        var call = (await Eventually.Until(() => Task.FromResult(Receiver.CallsTo("in-clear")), c => c.Length == 1, "the webhook call"))[0];
        call.Signature.ShouldBe(WebhookSender.Sign(inClear, long.Parse(call.Timestamp!), call.Body));
        (await client.PostAsJsonAsync("/webhooks", new { id = hook, url = Receiver.Url("in-clear"), secret = inClear }))
            .StatusCode.ShouldBe(HttpStatusCode.OK); // the same again: a repeat

        (await client.DeleteAsync($"/webhooks/{hook}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var session = store.QuerySession())
        {
            var registered = (await session.Events.FetchStreamAsync(hook)).Select(e => e.Data).OfType<WebhookRegistered>().Single();
            registered.Secret.ShouldBeNull();
            registered.Url.ShouldBe(Receiver.Url("in-clear")); // masked, not lost
            (await session.LoadAsync<Webhook>(hook))!.SecretInClear.ShouldBeNull();
        }
    }

    [Fact]
    public async Task E_mail_goes_out_over_SMTP_in_the_recipient_s_language_and_waits_for_quiet_hours_unless_urgent()
    {
        var (english, chinese) = (Guid.NewGuid(), Guid.NewGuid());
        (await Host.ClientAs(Roles.Caseworker, english).PutPreferencesAsync(new { channels = new[] { "Email" }, language = "en", email = "li.na@example.cn" }))
            .EnsureSuccessStatusCode();
        (await Host.ClientAs(Roles.Caseworker, chinese).PutPreferencesAsync(new { channels = new[] { "Email" }, language = "zh-CN", email = "zhao.lei@example.cn" }))
            .EnsureSuccessStatusCode();
        await Accepted(english);
        await Accepted(chinese);

        var mails = await Eventually.Until(() => Task.FromResult(fixture.Mails.ToArray()),
            m => m.Count(x => x.ToAddresses.Any(a => a.Address is "li.na@example.cn" or "zhao.lei@example.cn")) == 2, "two e-mails");
        var toEnglish = mails.Single(m => m.ToAddresses.Any(a => a.Address == "li.na@example.cn"));
        var toChinese = mails.Single(m => m.ToAddresses.Any(a => a.Address == "zhao.lei@example.cn"));
        toEnglish.Subject.ShouldBe("Referral accepted");
        toEnglish.MessageParts[0].BodyData.ShouldContain("accepted the referral");
        toChinese.Subject.ShouldBe("转介已接受");
        toChinese.MessageParts[0].BodyData.ShouldContain("已接受转介");

        // Quiet from an hour ago to an hour ahead in Shanghai (over midnight when it falls there): a normal
        // notification waits, an urgent one does not. "00:00–23:59" would leave the minute before midnight loud.
        var quiet = Guid.NewGuid();
        var station = Guid.NewGuid();
        var shanghaiNow = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        (await Host.ClientAs(Roles.Caseworker, quiet, station).PutPreferencesAsync(new
        {
            channels = new[] { "Email" }, language = "en", email = "quiet@example.cn",
            quietFrom = shanghaiNow.AddHours(-1).ToString("HH:mm"), quietTo = shanghaiNow.AddHours(1).ToString("HH:mm"),
        })).EnsureSuccessStatusCode();
        var caseId = Guid.NewGuid();
        await Host.PublishAsync(new V1.CaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, caseId, station, quiet, V1.ClientGroup.Elderly, [],
            new V1.GridLocation("天镇县", "玉泉镇", "YQ-1")));
        await Accepted(quiet);
        await Host.PublishAsync(new V1.DeliveryMissed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), caseId, station, null,
            DateOnly.FromDateTime(DateTime.UtcNow), V1.MissReason.NoAnswerAtDoor, LivesAlone: true));
        var urgentMail = await Eventually.Until(() => Task.FromResult(fixture.Mails
            .Where(m => m.ToAddresses.Any(a => a.Address == "quiet@example.cn")).ToArray()), m => m.Length >= 1, "the urgent e-mail");
        urgentMail.Single().Subject.ShouldStartWith("URGENT");
        var inbox = await Host.ClientAs(Roles.Caseworker, quiet, station).InboxWithAsync("referral-accepted");
        inbox.Length.ShouldBe(1); // in the inbox at once, by e-mail only when the quiet hours end
    }
}
