using FiveSocieties.BuildingBlocks.Domain;

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
