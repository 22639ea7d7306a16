using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.BuildingBlocks.Http;

public static class StationOfARead
{
    /// <summary>
    /// The one station a read is about: the one asked for (another station's staff get 404), else the
    /// caller's own; an admin, who has none, must name it (400 naming <c>stationId</c>).
    /// </summary>
    public static Guid StationToRead(this CurrentUser user, Guid? stationId)
    {
        var station = stationId ?? user.StationId
            ?? throw new InvalidRequest(new Dictionary<string, string[]> { ["stationId"] = ["is required for an administrator."] });
        user.EnsureCanSee(station, "Station", station);
        return station;
    }
}
