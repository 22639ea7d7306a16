
namespace FiveSocieties.Cases.Stations;

/// <summary>社工站: a township social-work station as its events made it (kept inline by Marten).</summary>
public sealed record Station(
    Guid Id, string DistrictCode, string TownshipCode, string Name, bool RegisteredInNationalSystem,
    DateTimeOffset OpenedAt, long Version)
{
    public static Station Create(StationOpened opened) => new(
        opened.StationId, opened.DistrictCode, opened.TownshipCode, opened.Name,
        opened.RegisteredInNationalSystem, opened.OpenedAt, 1);

    public Station Apply(StationRegisteredNationally registered) =>
        this with { RegisteredInNationalSystem = true };
}
