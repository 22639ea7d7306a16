using System.Security.Claims;

namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>Who is calling: the user id (a GUID subject), their roles and, for station staff, their station (a district officer, their district).</summary>
public sealed record CurrentUser(Guid Id, IReadOnlySet<string> Roles, Guid? StationId, Guid? ProviderId = null, string? DistrictCode = null)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>The role codes in a stable order, as the access audit records who read.</summary>
    public IReadOnlyList<string> RoleCodes => [.. Roles.Order(StringComparer.Ordinal)];

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(ClaimNames.Subject);
        var station = principal.FindFirstValue(ClaimNames.Station);
        var provider = principal.FindFirstValue(ClaimNames.Provider);
        return new CurrentUser(
            Guid.TryParse(subject, out var id) ? id : Guid.Empty,
            principal.FindAll(ClaimNames.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Guid.TryParse(station, out var stationId) ? stationId : null,
            Guid.TryParse(provider, out var providerId) ? providerId : null,
            principal.FindFirstValue(ClaimNames.District) is { Length: > 0 } district ? district : null);
    }
}
