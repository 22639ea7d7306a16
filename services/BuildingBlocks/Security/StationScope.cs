using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>
/// Station staff (caseworkers, supervisors) work only within their own station. Reading another
/// station's record answers 404, as if it did not exist, so its existence does not leak.
/// </summary>
public static class StationScope
{
    public static void EnsureCanSee(this CurrentUser user, Guid stationId, string kind, Guid id)
    {
        if (user.IsIn(Roles.Admin)) return;
        if (user.StationId != stationId) throw new RecordNotFound(kind, id);
    }

    /// <summary>
    /// Which station's records a list shows: the one asked for (another station's staff get 404, as
    /// for its records), else the caller's own; null for an admin who names none: every station.
    /// Staff without a station claim see no station's records (the empty id matches none).
    /// </summary>
    public static Guid? StationToList(this CurrentUser user, Guid? stationId)
    {
        if (stationId is { } asked)
        {
            user.EnsureCanSee(asked, "Station", asked);
            return asked;
        }
        return user.IsIn(Roles.Admin) ? null : user.StationId ?? Guid.Empty;
    }

    /// <summary>Acting for another station (or with no station claim) is forbidden: 403.</summary>
    public static bool MayActFor(this CurrentUser user, Guid stationId) =>
        user.IsIn(Roles.Admin) || user.StationId == stationId;
}
