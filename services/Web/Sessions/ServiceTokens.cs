using System.Globalization;
using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace FiveSocieties.Web.Sessions;

/// <summary>
/// The bearer token the services get for the signed-in person. After an OpenID Connect sign-in,
/// the access token saved in the session; in Development, a short-lived token minted here from
/// the session's claims (the services accept the development key only outside Production).
/// It never leaves the server.
/// </summary>
public sealed class ServiceTokens(AuthSettings auth, IMemoryCache cache, IWebHostEnvironment environment, TimeProvider clock)
{
    private static readonly TimeSpan MintedLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    /// <summary>The token, or null when there is none to give (signed out, an expired access token, a subject that is no id).</summary>
    public async Task<string?> ForAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true) return null;
        if (await http.GetTokenAsync(SessionSetup.CookieScheme, "access_token") is { Length: > 0 } accessToken)
        {
            // No refresh here: an expired access token means signing in again.
            var expiresAt = await http.GetTokenAsync(SessionSetup.CookieScheme, "expires_at");
            return DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry)
                   && expiry <= clock.GetUtcNow() ? null : accessToken;
        }
        return environment.IsDevelopment() ? Minted(http.User) : null;
    }

    private string? Minted(ClaimsPrincipal principal)
    {
        var user = CurrentUser.From(principal);
        if (user.Id == Guid.Empty) return null;
        var name = principal.FindFirstValue(ClaimNames.Name);
        var key = string.Join('|', user.Id, string.Join(',', user.Roles.Order(StringComparer.Ordinal)), user.StationId, user.DistrictCode, user.ProviderId, name);
        return cache.GetOrCreate("service-token:" + key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = MintedLifetime - RenewBefore;
            return DevelopmentTokens.Mint(auth, user.Id, user.Roles, user.StationId, name, MintedLifetime, user.ProviderId, user.DistrictCode);
        });
    }
}
