using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.Cases.Stations;

/// <summary>
/// China's statistical division codes (统计用区划代码): a district or county (区/县) has six
/// digits (140213 平城区), a township or street (乡镇/街道) nine — its district's six and three of
/// its own (140213001). The district's stream id follows from its code, so every writer finds
/// the same stream without a lookup.
/// </summary>
public static class DivisionCodes
{
    // A fixed namespace for name-based district ids; changing it would orphan every district stream.
    private static readonly Guid DistrictNamespace = new("3a6f1c2e-8b4d-5e7f-9a0b-1c2d3e4f5a6b");

    public static bool IsDistrictCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    public static bool IsTownshipCode(string? code) => code is { Length: 9 } && code.All(char.IsAsciiDigit);

    /// <summary>Whether the township's code places it in the district (its first six digits).</summary>
    public static bool IsTownshipOf(string townshipCode, string districtCode) => townshipCode.StartsWith(districtCode, StringComparison.Ordinal);

    public static Guid DistrictId(string districtCode) => NameBasedGuid.Create(DistrictNamespace, districtCode);
}

/// <summary>RFC 9562 version 5 UUIDs: the same namespace and name always give the same id.</summary>
public static class NameBasedGuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
