using JasperFx.Events;

namespace FiveSocieties.Cases.Stations;

/// <summary>社工站: a township social-work station as its events made it (kept inline by Marten).</summary>
public sealed record Station(
    Guid Id, string DistrictCode, string TownshipCode, string Name, bool RegisteredInNationalSystem,
    DateTimeOffset OpenedAt, long Version)
{
    public static Station Create(IEvent<StationOpened> opened) => new(
        opened.Data.StationId, opened.Data.DistrictCode, opened.Data.TownshipCode, opened.Data.Name,
        opened.Data.RegisteredInNationalSystem, opened.Data.OpenedAt, opened.Version);

    public Station Apply(IEvent<StationRegisteredNationally> registered) =>
        this with { RegisteredInNationalSystem = true, Version = registered.Version };
}
