using FiveSocieties.BuildingBlocks.Privacy;
using FiveSocieties.Cases.Auditing;
using FiveSocieties.Cases.Households.Registering;

namespace FiveSocieties.Cases.Households.FindingClients;

/// <summary>
/// The keyed hashes a client is found by, and how a search text is read. Registration and search
/// must normalise alike, or a client registered as "王 桂兰" would not be found as "王桂兰".
/// </summary>
public static class ClientKeys
{
    public const string NamePurpose = "full-name";
    public const string PhonePurpose = "phone";

    /// <summary>The full name without any space or the middle dot of transcribed names (阿依古丽·买买提), case-folded.</summary>
    public static string NormalName(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c is not ('·' or '•' or '・'))).ToUpperInvariant();

    /// <summary>
    /// The phone's digits, without China's country code: "+86 138-0000-1234", "0086 13800001234" and
    /// "13800001234" are one number.
    /// </summary>
    public static string NormalPhone(string phone)
    {
        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        if (digits.StartsWith("0086", StringComparison.Ordinal)) return digits[4..];
        if (phone.TrimStart().StartsWith('+') && digits.StartsWith("86", StringComparison.Ordinal)) return digits[2..];
        return digits;
    }

    public static string NameHash(KeyedHash hash, string name) => hash.Of(NamePurpose, NormalName(name));

    /// <summary>Null for a phone with no digits at all: nothing to find it by.</summary>
    public static string? PhoneHash(KeyedHash hash, string phone) =>
        NormalPhone(phone) is { Length: > 0 } digits ? hash.Of(PhonePurpose, digits) : null;

    /// <summary>
    /// An 18-character resident ID number (17 digits and a digit or X), else digits with a phone's
    /// punctuation, else a name.
    /// </summary>
    public static ClientQueryKind KindOf(string query)
    {
        var compact = string.Concat(query.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length == 18 && compact[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(compact[17]) || compact[17] == 'X'))
            return ClientQueryKind.IdNumber;
        if (compact.Any(char.IsAsciiDigit) && compact.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')'))
            return ClientQueryKind.Phone;
        return ClientQueryKind.Name;
    }

    /// <summary>The keyed hash a query of that kind is looked up by, made as registration makes it.</summary>
    public static string? HashOf(KeyedHash hash, ClientQueryKind kind, string query) => kind switch
    {
        ClientQueryKind.IdNumber => hash.Of(RegisterHouseholdEndpoint.IdNumberPurpose, query.Trim().ToUpperInvariant()),
        ClientQueryKind.Phone => PhoneHash(hash, query),
        _ => NameHash(hash, query),
    };

    /// <summary>
    /// The hashes a query of that kind is looked up by: one under each configured version of the
    /// secret, so people hashed under a previous one are found until the re-index rewrote them.
    /// </summary>
    public static string[] HashesOf(KeyedHash hash, ClientQueryKind kind, string query) =>
        [.. hash.Versions.Select(version => HashOf(version, kind, query)).OfType<string>()];

    /// <summary>How many characters the query has once normalised as its kind: too short a query finds too many.</summary>
    public static int SignificantLength(ClientQueryKind kind, string query) => kind switch
    {
        ClientQueryKind.Phone => NormalPhone(query).Length,
        _ => NormalName(query).Length,
    };
}
