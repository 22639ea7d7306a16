using System.Security.Claims;
using System.Security.Cryptography;
using FiveSocieties.BuildingBlocks.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace FiveSocieties.Web.Sessions;

/// <summary>What the session cookie says of the signed-in person: the claims of our tokens, plus the session's CSRF token.</summary>
public static class SessionClaims
{
    /// <summary>The session's anti-forgery token: sealed in the cookie, shown to the app by GET /auth/me, echoed in X-CSRF-Token.</summary>
    public const string Csrf = "csrf";

    private static readonly string[] Carried = [ClaimNames.Role, ClaimNames.Station, ClaimNames.District, ClaimNames.Provider, ClaimNames.Name];

    public static string NewCsrfToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static ClaimsPrincipal Principal(
        Guid personId, string name, IEnumerable<string> roles, Guid? stationId, string? districtCode, string authenticationType, Guid? providerId = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, personId.ToString()), new(ClaimNames.Name, name), new(Csrf, NewCsrfToken()) };
        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        if (stationId is { } station) claims.Add(new Claim(ClaimNames.Station, station.ToString()));
        if (districtCode is not null) claims.Add(new Claim(ClaimNames.District, districtCode));
        if (providerId is { } provider) claims.Add(new Claim(ClaimNames.Provider, provider.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimNames.Name, ClaimNames.Role));
    }

    /// <summary>Copies the roles, station, district and provider a token carries that the identity does not have yet.</summary>
    public static void AddMissing(ClaimsIdentity identity, IEnumerable<Claim> fromToken)
    {
        foreach (var claim in fromToken.Where(c => Carried.Contains(c.Type)))
            if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(new Claim(claim.Type, claim.Value));
    }

    /// <summary>GET /auth/me: who is signed in (a provider's person: the provider they act for), and the token unsafe requests must echo. No bearer token, ever.</summary>
    public sealed record Me(string PersonId, string? Name, IReadOnlyList<string> Roles, Guid? StationId, string? DistrictCode, string CsrfToken,
        Guid? ProviderId = null);

    public static Me Describe(ClaimsPrincipal principal)
    {
        var user = CurrentUser.From(principal);
        return new Me(
            principal.FindFirstValue(ClaimNames.Subject) ?? "",
            principal.FindFirstValue(ClaimNames.Name),
            user.Roles.Order(StringComparer.Ordinal).ToList(),
            user.StationId,
            user.DistrictCode,
            principal.FindFirstValue(Csrf) ?? "",
            user.ProviderId);
    }
}
