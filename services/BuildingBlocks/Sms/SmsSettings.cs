using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.BuildingBlocks.Sms;

/// <summary>
/// The SMS platform account (Alibaba Cloud Dysmsapi), bound from the "Sms" section. Disabled by
/// default: nothing is sent. Enabled in Production without its credentials, a host refuses to start.
/// </summary>
public sealed class SmsSettings
{
    public const string Section = "Sms";

    public bool Enabled { get; set; }
    /// <summary>The platform's endpoint; in Development the local stand-in (deploy/ChannelStandIns).</summary>
    public string Endpoint { get; set; } = "https://dysmsapi.aliyuncs.com/";
    public string AccessKeyId { get; set; } = "";
    public string AccessKeySecret { get; set; } = "";
    /// <summary>The approved signature name (短信签名) every message carries, e.g. 五社联动.</summary>
    public string SignName { get; set; } = "";
    public string RegionId { get; set; } = "cn-hangzhou";
    /// <summary>Per try; the whole send is at most (Retries + 1) tries plus back-off.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public int Retries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// The secret path segment of the delivery-receipt callback (/sms/receipts/{token}): the
    /// platform's HTTP receipt push is not signed, so the URL registered in its console is the shared secret.
    /// </summary>
    public string ReceiptToken { get; set; } = "";

    public bool Configured => Enabled && MissingSettings().Count == 0;

    /// <summary>Whether a callback's path segment is the shared secret (compared in constant time); never while the channel is off.</summary>
    public bool IsCallbackToken(string token) =>
        Configured && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(ReceiptToken));

    /// <summary>The settings an enabled channel needs and does not have, by their configuration keys.</summary>
    public IReadOnlyList<string> MissingSettings()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(AccessKeyId)) missing.Add($"{Section}:AccessKeyId");
        if (string.IsNullOrWhiteSpace(AccessKeySecret)) missing.Add($"{Section}:AccessKeySecret");
        if (string.IsNullOrWhiteSpace(SignName)) missing.Add($"{Section}:SignName");
        if (string.IsNullOrWhiteSpace(ReceiptToken) || ReceiptToken.Length < 16) missing.Add($"{Section}:ReceiptToken (at least 16 characters)");
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) missing.Add($"{Section}:Endpoint");
        return missing;
    }
}
