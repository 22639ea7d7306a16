using System.Net.Http.Json;
using FiveSocieties.ChannelStandIns;
using FiveSocieties.ChannelStandIns.Sms;
using FiveSocieties.ChannelStandIns.WeChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.IntegrationTests.Infrastructure;

/// <summary>The messaging platforms' local stand-ins (deploy/ChannelStandIns: SMS and WeChat) in the test process, on a free loopback port.</summary>
public sealed class ChannelStandInHost : IAsyncDisposable
{
    public const string AccessKeyId = "test-key";
    public const string AccessKeySecret = "test-secret";
    public const string WeChatAppId = "wx-test-app";
    public const string WeChatAppSecret = "wx-test-secret";

    private readonly WebApplication _app;

    private ChannelStandInHost(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public SmsStandIn Sms => _app.Services.GetRequiredService<SmsStandIn>();
    public WeChatStandIn WeChat => _app.Services.GetRequiredService<WeChatStandIn>();

    /// <summary>Starts it; <paramref name="clock"/> is the clock it checks request timestamps against (the tests' fake one, say).</summary>
    public static async Task<ChannelStandInHost> StartAsync(IReadOnlyList<string>? templates = null, TimeProvider? clock = null)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0", "--environment=Development",
            $"--{SmsStandInSettings.Section}:AccessKeyId={AccessKeyId}", $"--{SmsStandInSettings.Section}:AccessKeySecret={AccessKeySecret}",
            $"--{WeChatStandInSettings.Section}:AppId={WeChatAppId}", $"--{WeChatStandInSettings.Section}:AppSecret={WeChatAppSecret}",
        };
        for (var i = 0; i < (templates?.Count ?? 0); i++) args.Add($"--{SmsStandInSettings.Section}:Templates:{i}={templates![i]}");
        var app = ChannelStandIn.Build(args.ToArray(), builder =>
        {
            builder.Logging.ClearProviders();
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        await app.StartAsync();
        var host = new ChannelStandInHost(app);
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

    /// <summary>The "WeChat" settings that point a service's client at this stand-in.</summary>
    public IEnumerable<KeyValuePair<string, string?>> WeChatClientSettings() =>
    [
        new("WeChat:Enabled", "true"), new("WeChat:Endpoint", Address.ToString()), new("WeChat:AppId", WeChatAppId),
        new("WeChat:AppSecret", WeChatAppSecret), new("WeChat:RetryBaseDelay", "00:00:00.010"),
    ];

    public async Task<List<ReceivedWeChatMessage>> WeChatMessagesOverHttpAsync(string openId)
    {
        using var http = new HttpClient { BaseAddress = Address };
        return (await http.GetFromJsonAsync<List<ReceivedWeChatMessage>>($"standin/wechat/messages?openId={Uri.EscapeDataString(openId)}"))!;
    }

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
