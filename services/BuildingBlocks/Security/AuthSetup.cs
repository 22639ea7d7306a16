using FiveSocieties.BuildingBlocks.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace FiveSocieties.BuildingBlocks.Security;

public static class AuthSetup
{
    /// <summary>
    /// JWT bearer on every endpoint (a fallback policy: an endpoint is closed unless it says
    /// otherwise); roles from the "role" claim, the station from "station".
    /// </summary>
    public static IHostApplicationBuilder AddStationAuth(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new();
        builder.Services.AddSingleton(settings);
        var production = builder.Environment.IsProduction();
        builder.RefuseDevelopmentSecrets(DevelopmentSigningKey);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                // With an authority and no issuer configured, only the issuer of the authority's metadata is valid.
                ValidIssuer = settings.Issuer ?? (string.IsNullOrWhiteSpace(settings.Authority) ? AuthSettings.DevelopmentIssuer : null),
                ValidAudience = settings.Audience,
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata ?? production;
            }
            else
            {
                options.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.SigningKey(settings);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Without an authority, tokens are checked against the development signing key, which anyone may mint with.</summary>
    public static IEnumerable<DevelopmentSecret> DevelopmentSigningKey(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Auth:Authority"]))
            yield return new("Auth:Authority", "unset, so tokens are checked with the development signing key; name the OpenID Connect authority");
    }

    /// <summary>Only callers holding one of <paramref name="roles"/> may use the endpoint (else 403).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));
}
