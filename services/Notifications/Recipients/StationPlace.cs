
namespace FiveSocieties.Notifications.Recipients;

/// <summary>Which district a station belongs to, learned from Cases' StationOpened (and its staff's posts).</summary>
public sealed record StationPlaced(Guid StationId, string DistrictCode);

/// <summary>A station's district: where its alarms go when the station's own levels are exhausted.</summary>
public sealed record StationPlace(Guid Id, string DistrictCode, long Version)
{
    public static StationPlace Create(StationPlaced e) => new(e.StationId, e.DistrictCode, 1);

    public StationPlace Apply(StationPlaced e) => this with { DistrictCode = e.DistrictCode };

    public static IReadOnlyList<object> Decide(StationPlace? state, StationPlaced placed) =>
        state?.DistrictCode == placed.DistrictCode || string.IsNullOrEmpty(placed.DistrictCode) ? [] : [placed];
}
