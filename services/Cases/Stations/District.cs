
namespace FiveSocieties.Cases.Stations;

/// <summary>A township of a district and the station serving it, if any.</summary>
public sealed record Township(string Code, string Name, Guid? StationId);

/// <summary>
/// A district (区/县) as its events made it: its townships and which station serves each. Built
/// only by Create/Apply; what the district and station deciders need to decide.
/// </summary>
public sealed record District(Guid Id, string Code, string Name, IReadOnlyList<Township> Townships, long Version)
{
    public Township? FindTownship(string code) => Townships.FirstOrDefault(t => t.Code == code);

    public static District Create(TownshipsRegistered registered) => new(
        registered.DistrictId, registered.DistrictCode, registered.DistrictName,
        registered.Townships.Select(t => new Township(t.Code, t.Name, null)).ToList(), 1);

    public District Apply(TownshipsRegistered registered) => this with
    {
        Townships = [.. Townships, .. registered.Townships.Select(t => new Township(t.Code, t.Name, null))],
    };

    public District Apply(StationPlacedInTownship placed) => this with
    {
        Townships = Townships.Select(t => t.Code == placed.TownshipCode ? t with { StationId = placed.StationId } : t).ToList(),
    };
}
