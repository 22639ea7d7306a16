using System.Security.Claims;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FiveSocieties.Web.Sessions;

/// <summary>
/// The session: a cookie holding the signed-in person's claims (and, after an OpenID Connect
/// sign-in, their tokens), sealed with Data Protection keys kept on disk, so any replica and
/// any restart can read it. Nothing of it is readable by the page's scripts.
/// </summary>
public static class SessionSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignedIn = "signed-in";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder, WebSettings settings)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new();
        var oidc = !string.IsNullOrWhiteSpace(auth.Authority) && !string.IsNullOrWhiteSpace(settings.Oidc.ClientId);
        // In Production people sign in through OpenID Connect: without it only the demo sign-in and development keys are left.
        builder.RefuseDevelopmentSecrets(AuthSetup.DevelopmentSigningKey);
        builder.RefuseDevelopmentSecrets(configuration => string.IsNullOrWhiteSpace(configuration["Web:Oidc:ClientId"])
            ? [new("Web:Oidc:ClientId", "unset, so people could not sign in through OpenID Connect (set Web:Oidc:ClientSecret too for a confidential client)")]
            : []);

        builder.Services.AddDataProtection()
            .SetApplicationName("FiveSocieties.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(settings, builder.Environment.ContentRootPath)));

        var development = builder.Environment.IsDevelopment();
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieScheme;
            // API callers are answered 401, never redirected; only GET /auth/sign-in challenges the authority.
            options.DefaultChallengeScheme = CookieScheme;
        }).AddCookie(CookieScheme, cookie =>
        {
            // __Host- binds the cookie to this exact origin, but browsers accept it only over HTTPS:
            // local development on http://127.0.0.1 keeps a plain name.
            cookie.Cookie.Name = development ? "fivesoc" : "__Host-fivesoc";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Strict: the app reads everything with same-origin fetches, so no cross-site request needs the session.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => WebProblems.SignedOutAsync(context.HttpContext);
            cookie.Events.OnRedirectToAccessDenied = context => WebProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                "session.forbidden", ("无权访问", "Forbidden"), ("您的角色不能执行此操作。", "Your role may not do this."));
        });
        if (oidc) authentication.AddOpenIdConnect(OidcScheme, options => ConfigureOidc(options, auth, settings, builder.Environment));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ServiceTokens>();
        return builder;
    }

    /// <summary>
    /// Makes the key ring now, before the host answers: replicas started together would otherwise
    /// each write a key of their own on their first sign-in, and a cookie sealed by one might not
    /// open on another. Started one after another (run.sh), the later ones find the first one's key.
    /// </summary>
    public static WebApplication UseSharedSessionKeys(this WebApplication app)
    {
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("FiveSocieties.Web.KeyRing").Protect([0]);
        return app;
    }

    /// <summary>
    /// Web:KeysPath, else .local/web-keys of the repository the host runs in (run.sh starts it from
    /// its bin folder), else .local/web-keys beside the host.
    /// </summary>
    private static string KeysFolder(WebSettings settings, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(settings.KeysPath)) return Path.GetFullPath(settings.KeysPath, contentRoot);
        return Path.Combine(RepositoryFolders.Find(contentRoot) ?? contentRoot, ".local", "web-keys");
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, AuthSettings auth, WebSettings settings, IWebHostEnvironment environment)
    {
        options.Authority = auth.Authority;
        options.RequireHttpsMetadata = auth.RequireHttpsMetadata ?? environment.IsProduction();
        options.ClientId = settings.Oidc.ClientId;
        options.ClientSecret = settings.Oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SaveTokens = true;
        options.SignInScheme = CookieScheme;
        options.CallbackPath = "/auth/callback";
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.TokenValidationParameters.NameClaimType = ClaimNames.Name;
        options.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                // The services authorise by the access token's roles, station and district; the session shows the same.
                // It came straight from the token endpoint over TLS: read, not validated again (the services validate it).
                if (context.TokenEndpointResponse?.AccessToken is { } accessToken && new JsonWebTokenHandler().CanReadToken(accessToken))
                    SessionClaims.AddMissing(identity, new JsonWebToken(accessToken).Claims);
                identity.AddClaim(new Claim(SessionClaims.Csrf, SessionClaims.NewCsrfToken()));
            }
            return Task.CompletedTask;
        };
    }
}
