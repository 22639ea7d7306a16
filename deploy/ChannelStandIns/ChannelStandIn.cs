using System.Net;
using FiveSocieties.ChannelStandIns.Sms;
using FiveSocieties.ChannelStandIns.WeChat;

namespace FiveSocieties.ChannelStandIns;

/// <summary>
/// DEVELOPMENT TOOL. Local stand-ins for the messaging platforms' HTTP APIs (Alibaba Cloud SMS
/// and the WeChat official account), so the demo and the tests run the real client code end to end without an account. It
/// listens on loopback only (or, in docker-compose, on the compose network) and will not start in Production. Tests build it in-process on a free
/// port (urls http://127.0.0.1:0); deploy/run.sh starts it on 5190.
/// </summary>
public static class ChannelStandIn
{
    public const int DefaultPort = 5190;
    /// <summary>Set in docker-compose only: listen on the container's network instead of loopback alone.</summary>
    public const string ContainerNetworkSetting = "StandIn:ContainerNetwork";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (builder.Environment.IsProduction())
            throw new InvalidOperationException("The channel stand-ins are a development tool: they do not run in Production (set ASPNETCORE_ENVIRONMENT=Development).");
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseUrls(urls = $"http://127.0.0.1:{DefaultPort}");
        // Inside docker-compose the other containers reach it over the compose network, so it must
        // listen there; compose publishes its port on the host's loopback only.
        if (!builder.Configuration.GetValue<bool>(ContainerNetworkSetting))
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (!Uri.TryCreate(url.Replace("*", "wildcard").Replace("+", "wildcard"), UriKind.Absolute, out var uri)
                    || !(uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))))
                    throw new InvalidOperationException(
                        $"The channel stand-ins listen on loopback only; '{url}' is not a loopback address (in a container network set {ContainerNetworkSetting}=true).");
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(builder.Configuration.GetSection(SmsStandInSettings.Section).Get<SmsStandInSettings>() ?? new());
        builder.Services.AddSingleton<SmsStandIn>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(WeChatStandInSettings.Section).Get<WeChatStandInSettings>() ?? new());
        builder.Services.AddSingleton<WeChatStandIn>();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapSmsStandIn();
        app.MapWeChatStandIn();
        return app;
    }
}
