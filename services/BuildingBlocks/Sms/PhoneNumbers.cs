using System.Text.RegularExpressions;

namespace FiveSocieties.BuildingBlocks.Sms;

/// <summary>Mainland China mobile numbers: what the SMS channel accepts, and how they appear in logs (masked).</summary>
public static partial class PhoneNumbers
{
    /// <summary>The 11-digit number of a mainland mobile ("+86 138 1234 5678" → "13812345678"), or null when it is none.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = Separators().Replace(value.Trim(), "");
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        return Mobile().IsMatch(digits) ? digits : null;
    }

    /// <summary>"13812345678" → "138****5678": enough to tell numbers apart in a log, not enough to call.</summary>
    public static string Mask(string? phone) =>
        phone is { Length: >= 7 } ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : "***";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();
}
