using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Hosting;
using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using FiveSocieties.Notifications.Recipients;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.IntegrationTests.Notifications;

/// <summary>
/// The Notifications service in the test process (like <see cref="ServiceHost{TMarker}"/>), with
/// extra settings (sweep intervals, retry delays, SMTP port) and services (a fake clock), plus a
/// bare bus in the same virtual host to publish the other services' integration events.
/// </summary>
public sealed class NotificationsHost(
    TestIsolation isolation, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Recipient>
{
    private IHost? _publisher;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in isolation.SettingsFor("notifications")) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? []) builder.UseSetting(key, value);
        builder.ObservedForTests("notifications");
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>
    /// Serves on Kestrel (a free port of 127.0.0.1) instead of the in-memory test server, for
    /// callers from outside the process such as a platform stand-in's delivery receipts. Call before StartAsync.
    /// </summary>
    public NotificationsHost OnKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>Where it listens on Kestrel (see <see cref="OnKestrel"/>).</summary>
    public Uri Address => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
        .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    public async Task<NotificationsHost> StartAsync()
    {
        StartServer(); // builds and starts the host (the test server, or Kestrel)
        await Services.WaitForBusAsync();
        var publisher = WorkerHost.CreateBuilder("publisher", isolation.SettingsFor("publisher"));
        publisher.Logging.ToCaptureOnly("publisher");
        publisher.AddMessaging(_ => { });
        _publisher = publisher.Build();
        await _publisher.StartAndWaitForBusAsync();
        return this;
    }

    /// <summary>
    /// Publishes an integration event as the relay of another service would (MessageId = the event's
    /// id unless given; the version of its stream in the other service's store when given).
    /// </summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null, long? streamVersion = null) where T : class =>
        _publisher!.Services.GetRequiredService<IBus>().Publish(message, context =>
        {
            context.MessageId = messageId ?? (Guid)typeof(T).GetProperty("EventId")!.GetValue(message)!;
            if (streamVersion is { } version) context.Headers.Set(FiveSocieties.BuildingBlocks.Messaging.MessageHeaders.StreamVersion, version);
        });

    /// <summary>Whether the rules have committed the source event published with this MessageId (its inbox record exists).</summary>
    public async Task<bool> RulesHandledAsync(Guid messageId)
    {
        await using var session = Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return await session.LoadAsync<InboxRecord>(
            InboxRecord.IdFor(typeof(FiveSocieties.Notifications.Integration.Incoming.RuleConsumer<>), messageId)) is not null;
    }

    /// <summary>How many messages the service's <paramref name="queue"/> has finished receiving (consumed, duplicates included, or faulted).</summary>
    public int ReceivedOn(string queue) => Services.ReceivedOn(queue);

    public HttpClient ClientAs(string role, Guid userId, Guid? stationId = null, Guid? providerId = null, string? districtCode = null)
    {
        var client = CreateClient();
        var token = DevelopmentTokens.Mint(new AuthSettings(), userId, [role], stationId, providerId: providerId, districtCode: districtCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
            if (_publisher is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

/// <summary>Reading a user's inbox over HTTP, for tests.</summary>
public static class InboxReading
{
    public static async Task<JsonElement[]> InboxAsync(this HttpClient client, string query = "?pageSize=100")
    {
        var page = await HttpJson.Json(await client.GetAsync("/inbox" + query));
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>Waits until the inbox holds at least <paramref name="count"/> items with <paramref name="rule"/>.</summary>
    public static Task<JsonElement[]> InboxWithAsync(this HttpClient client, string rule, int count = 1) =>
        Eventually.Until(async () => (await client.InboxAsync()).Where(i => i.GetProperty("rule").GetString() == rule).ToArray(),
            items => items.Length >= count, $"{count} '{rule}' notification(s) in the inbox");

    public static Task<HttpResponseMessage> PutPreferencesAsync(this HttpClient client, object preferences) =>
        client.PutAsJsonAsync("/preferences", preferences);
}
