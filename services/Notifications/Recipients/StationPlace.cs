using JasperFx.Events;

namespace FiveSocieties.Notifications.Recipients;

/// <summary>Which district a station belongs to, learned from Cases' StationOpened (and its staff's posts).</summary>
public sealed record StationPlaced(Guid StationId, string DistrictCode);

/// <summary>A station's district: where its alarms go when the station's own levels are exhausted.</summary>
public sealed record StationPlace(Guid Id, string DistrictCode, long Version)
{
    public static StationPlace Create(IEvent<StationPlaced> e) => new(e.Data.StationId, e.Data.DistrictCode, e.Version);

    public StationPlace Apply(IEvent<StationPlaced> e) => this with { DistrictCode = e.Data.DistrictCode, Version = e.Version };

    public static IReadOnlyList<object> Decide(StationPlace? state, StationPlaced placed) =>
        state?.DistrictCode == placed.DistrictCode || string.IsNullOrEmpty(placed.DistrictCode) ? [] : [placed];
}
