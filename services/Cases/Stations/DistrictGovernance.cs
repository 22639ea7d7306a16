using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Cases.Stations;

/// <summary>
/// Who changes a district's map of stations: its townships, the stations opened in them, and
/// whether each is registered nationally. These decide the coverage the bureau reads, so they are
/// an admin's or the district's own officer's writes, never a station supervisor's.
/// </summary>
public static class DistrictGovernance
{
    public static readonly string[] Roles = [BuildingBlocks.Security.Roles.Admin, BuildingBlocks.Security.Roles.DistrictOfficer];

    /// <summary>Refuses (403 <c>district.not-yours</c>) a district officer acting on another district.</summary>
    public static void EnsureGoverns(this CurrentUser user, string districtCode)
    {
        if (user.IsIn(BuildingBlocks.Security.Roles.Admin)) return;
        if (user.IsIn(BuildingBlocks.Security.Roles.DistrictOfficer) && user.DistrictCode == districtCode) return;
        throw new ActionForbidden("district.not-yours", $"Only an admin or district {districtCode}'s officer may change its townships and stations.");
    }
}
