using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>
/// Mints development tokens (the operator CLI and the tests use it). The well-known key is
/// public by design, like ASP.NET's user-jwts: it is accepted only outside Production.
/// </summary>
public static class DevelopmentTokens
{
    public const string WellKnownKey = "fivesoc-development-signing-key-not-for-production-use-0123456789";

    public static SymmetricSecurityKey SigningKey(AuthSettings settings) =>
        new(Encoding.UTF8.GetBytes(settings.DevelopmentSigningKey ?? WellKnownKey));

    public static string Mint(AuthSettings settings, Guid userId, IEnumerable<string> roles, Guid? stationId = null,
        string? name = null, TimeSpan? lifetime = null, Guid? providerId = null, string? districtCode = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, userId.ToString()) };
        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        if (stationId is { } station) claims.Add(new Claim(ClaimNames.Station, station.ToString()));
        if (name is not null) claims.Add(new Claim(ClaimNames.Name, name));
        if (providerId is { } provider) claims.Add(new Claim(ClaimNames.Provider, provider.ToString()));
        if (districtCode is not null) claims.Add(new Claim(ClaimNames.District, districtCode));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer ?? AuthSettings.DevelopmentIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
    }
}
