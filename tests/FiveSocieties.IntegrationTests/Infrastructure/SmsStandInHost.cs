using System.Net.Http.Json;
using FiveSocieties.ChannelStandIns;
using FiveSocieties.ChannelStandIns.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>The SMS platform's local stand-in (deploy/ChannelStandIns) in the test process, on a free loopback port.</summary>
public sealed class SmsStandInHost : IAsyncDisposable
{
    public const string AccessKeyId = "test-key";
    public const string AccessKeySecret = "test-secret";

    private readonly WebApplication _app;

    private SmsStandInHost(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public SmsStandIn Sms => _app.Services.GetRequiredService<SmsStandIn>();

    /// <summary>Starts it; <paramref name="clock"/> is the clock it checks request timestamps against (the tests' fake one, say).</summary>
    public static async Task<SmsStandInHost> StartAsync(IReadOnlyList<string>? templates = null, TimeProvider? clock = null)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0", "--environment=Development",
            $"--{SmsStandInSettings.Section}:AccessKeyId={AccessKeyId}", $"--{SmsStandInSettings.Section}:AccessKeySecret={AccessKeySecret}",
        };
        for (var i = 0; i < (templates?.Count ?? 0); i++) args.Add($"--{SmsStandInSettings.Section}:Templates:{i}={templates![i]}");
        var app = ChannelStandIn.Build(args.ToArray(), builder =>
        {
            builder.Logging.ClearProviders();
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        await app.StartAsync();
        var host = new SmsStandInHost(app);
        host.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return host;
    }

    /// <summary>The "Sms" settings that point a service's client at this stand-in.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ClientSettings(string receiptToken) =>
    [
        new("Sms:Enabled", "true"), new("Sms:Endpoint", Address.ToString()), new("Sms:AccessKeyId", AccessKeyId),
        new("Sms:AccessKeySecret", AccessKeySecret), new("Sms:SignName", "五社联动"), new("Sms:ReceiptToken", receiptToken),
        new("Sms:RetryBaseDelay", "00:00:00.010"),
    ];

    public Task FailAsync(string phone, string code, int? times = null, string stage = SmsFailure.AtSend)
    {
        Sms.Fail(new SmsFailure(phone, code, times, stage));
        return Task.CompletedTask;
    }

    public async Task<List<ReceivedSms>> MessagesOverHttpAsync(string phone)
    {
        using var http = new HttpClient { BaseAddress = Address };
        return (await http.GetFromJsonAsync<List<ReceivedSms>>($"standin/sms/messages?phone={phone}"))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
