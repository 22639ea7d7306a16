using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.BuildingBlocks.Sms;

/// <summary>
/// Alibaba Cloud's RPC request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0) as the
/// SMS documentation gives it: parameters sorted by name, percent-encoded per RFC 3986, the
/// string to sign "METHOD&amp;%2F&amp;" + the encoded canonical query, HMAC-SHA1 keyed with the
/// secret plus "&amp;", Base64. Documented at https://help.aliyun.com/document_detail/101343.htm
/// and https://www.alibabacloud.com/help/en/sms/signature-method (the worked SendSms example is
/// checked in the unit tests). The client signs with it and the local stand-in verifies with it.
/// </summary>
public static class AliyunSignature
{
    public static string Sign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret + "&");
        var mac = HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(StringToSign(httpMethod, parameters)));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Whether <paramref name="signature"/> is the one the secret gives these parameters (compared in constant time).</summary>
    public static bool Verify(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(httpMethod, parameters, accessKeySecret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters) =>
        httpMethod.ToUpperInvariant() + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(parameters));

    /// <summary>Every parameter but Signature, sorted by name in ordinal (byte) order, encoded, joined with "&amp;".</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));

    /// <summary>RFC 3986: A–Z a–z 0–9 - _ . ~ stay; everything else is %XY of its UTF-8 bytes (a space is %20, never +).</summary>
    public static string PercentEncode(string value)
    {
        var text = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') text.Append(c);
            else text.Append('%').Append(b.ToString("X2"));
        }
        return text.ToString();
    }
}
