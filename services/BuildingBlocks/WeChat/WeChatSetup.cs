using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FiveSocieties.BuildingBlocks.WeChat;

public static class WeChatSetup
{
    /// <summary>The secret the local stand-in accepts (deploy/ChannelStandIns): published here, so never a real account's.</summary>
    public const string StandInAppSecret = "standin-wechat-secret";

    /// <summary>
    /// The WeChat client and its settings ("WeChat"). Enabled in Production without its
    /// credentials, or with the stand-in's published secret, the host refuses to start (the
    /// production-secrets guard names the settings); elsewhere the channel just stays off.
    /// </summary>
    public static WeChatSettings AddWeChatClient(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<WeChatSettings>(WeChatSettings.Section);
        builder.RefuseDevelopmentSecrets(ProductionProblems);
        // Its own client: the service defaults' standard resilience handler would retry on top of the client's own pipeline.
        builder.Services.AddSingleton(provider => new WeChatClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan },
            settings, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<WeChatClient>>()));
        return settings;
    }

    /// <summary>What an enabled channel lacks (or holds that anyone knows), by configuration key; nothing when it is off.</summary>
    public static IEnumerable<DevelopmentSecret> ProductionProblems(IConfiguration configuration)
    {
        var settings = configuration.GetSection(WeChatSettings.Section).Get<WeChatSettings>() ?? new();
        if (!settings.Enabled) yield break;
        foreach (var missing in settings.MissingSettings())
            yield return new DevelopmentSecret(missing, $"missing while {WeChatSettings.Section}:Enabled is true");
        if (settings.AppSecret == StandInAppSecret)
            yield return new DevelopmentSecret($"{WeChatSettings.Section}:AppSecret", "the local stand-in's published secret");
    }
}
