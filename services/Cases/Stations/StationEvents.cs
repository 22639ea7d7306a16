// The private history of districts and their stations. Nothing here is personal data.
namespace FiveSocieties.Cases.Stations;

public sealed record TownshipEntry(string Code, string Name);

/// <summary>
/// Townships (乡镇/街道) of a district (区/县) were registered; only those new to the district are
/// listed. The first such event on a district's stream also names the district.
/// </summary>
public sealed record TownshipsRegistered(
    Guid DistrictId, string DistrictCode, string DistrictName, IReadOnlyList<TownshipEntry> Townships,
    Guid RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>
/// A station now serves the township. Recorded on the district's stream, which guards "one
/// station per township": two stations racing for one township cannot both append.
/// </summary>
public sealed record StationPlacedInTownship(Guid DistrictId, string TownshipCode, Guid StationId, DateTimeOffset PlacedAt);

/// <summary>社工站: a township social-work station was set up.</summary>
public sealed record StationOpened(
    Guid StationId, string DistrictCode, string TownshipCode, string Name, bool RegisteredInNationalSystem,
    Guid OpenedBy, DateTimeOffset OpenedAt);

/// <summary>
/// The station is now registered in the national social-work information system. Carries its
/// district and township so the coverage report can place it without loading the station.
/// </summary>
public sealed record StationRegisteredNationally(
    Guid StationId, string DistrictCode, string TownshipCode, Guid RegisteredBy, DateTimeOffset RegisteredAt);
