namespace FiveSocieties.BuildingBlocks.WeChat;

/// <summary>
/// The WeChat official account (微信公众号) whose subscription notifications (订阅通知) we send,
/// bound from the "WeChat" section. Disabled by default: nothing is sent. Enabled in Production
/// without its credentials, a host refuses to start, naming the settings it lacks.
/// </summary>
public sealed class WeChatSettings
{
    public const string Section = "WeChat";

    public bool Enabled { get; set; }
    /// <summary>The platform's API root; in Development the local stand-in (deploy/ChannelStandIns).</summary>
    public string Endpoint { get; set; } = "https://api.weixin.qq.com/";
    /// <summary>Where the web sign-in's authorize page is (the platform serves it from another host than the API).</summary>
    public string AuthorizeEndpoint { get; set; } = "https://open.weixin.qq.com/";
    public string AppId { get; set; } = "";
    public string AppSecret { get; set; } = "";
    /// <summary>Per try; the whole send is at most (Retries + 1) tries plus back-off.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public int Retries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>An access token is renewed this long before the platform says it expires, so no send carries one about to lapse.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

    public bool Configured => Enabled && MissingSettings().Count == 0;

    /// <summary>The settings an enabled channel needs and does not have, by their configuration keys.</summary>
    public IReadOnlyList<string> MissingSettings()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(AppId)) missing.Add($"{Section}:AppId");
        if (string.IsNullOrWhiteSpace(AppSecret)) missing.Add($"{Section}:AppSecret");
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) missing.Add($"{Section}:Endpoint");
        return missing;
    }
}
