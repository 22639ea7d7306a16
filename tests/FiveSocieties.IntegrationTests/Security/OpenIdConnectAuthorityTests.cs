using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.IntegrationTests.Security;

/// <summary>
/// Production identity: a service pointed at an OpenID Connect authority takes issuer and signing
/// keys from its metadata, and refuses the development key. The authority here is a local stand-in
/// shaped like the Keycloak realm of docker-compose (same issuer path, RS256 keys, and the realm's
/// "role", "station" and "provider" claim mappers), so no Keycloak is needed.
/// </summary>
public sealed class OpenIdConnectAuthorityTests : IAsyncLifetime
{
    private const string Realm = "/realms/fivesocieties";
    private const string Audience = "fivesoc";
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly TestIsolation _isolation = new();
    private WebApplication _authority = null!;
    private string _issuer = null!;
    private ServiceHost<Case> _cases = null!;

    public async Task InitializeAsync()
    {
        await _isolation.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ToCaptureOnly("authority");
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _authority = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_signingKey.ExportParameters(false)) { KeyId = "realm-key-1" });
        _authority.MapGet(Realm + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _issuer,
            ["jwks_uri"] = _issuer + "/protocol/openid-connect/certs",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _authority.MapGet(Realm + "/protocol/openid-connect/certs", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } },
        }));
        await _authority.StartAsync();
        _issuer = _authority.Urls.Single() + Realm;

        _cases = await new ServiceHost<Case>("cases", _isolation, settings: new Dictionary<string, string>
        {
            // As compose and k8s deploy it: the authority alone, its issuer taken from its metadata.
            ["Auth:Authority"] = _issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:RequireHttpsMetadata"] = "false", // a loopback test authority; Production insists on HTTPS
        }).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _cases.DisposeAsync();
        await _authority.DisposeAsync();
        await _isolation.DisposeAsync();
        _signingKey.Dispose();
    }

    private string RealmToken(RSA key, string issuer, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()), new("station", Guid.NewGuid().ToString()), new("azp", "fivesoc-web") };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "realm-key-1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpStatusCode> Coverage(string token)
    {
        var client = _cases.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/coverage")).StatusCode;
    }

    [Fact]
    public async Task A_token_signed_by_the_authority_is_accepted_with_its_roles()
    {
        (await Coverage(RealmToken(_signingKey, _issuer, Roles.Admin))).ShouldBe(HttpStatusCode.OK);
        (await Coverage(RealmToken(_signingKey, _issuer, Roles.Volunteer))).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_development_key_another_key_and_another_issuer_are_all_refused()
    {
        var development = DevelopmentTokens.Mint(new AuthSettings { Issuer = _issuer, Audience = Audience }, Guid.NewGuid(), [Roles.Admin]);
        (await Coverage(development)).ShouldBe(HttpStatusCode.Unauthorized);

        using var forger = RSA.Create(2048);
        (await Coverage(RealmToken(forger, _issuer, Roles.Admin))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Coverage(RealmToken(_signingKey, "http://127.0.0.1:1/realms/other", Roles.Admin))).ShouldBe(HttpStatusCode.Unauthorized);
        // Nor the development issuer, even signed by the realm's own key: with an authority only its issuer is valid.
        (await Coverage(RealmToken(_signingKey, AuthSettings.DevelopmentIssuer, Roles.Admin))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Without_an_authority_the_development_signing_key_is_named_and_with_one_it_is_not()
    {
        static IReadOnlyList<DevelopmentSecret> Found(string? authority) => ProductionSecrets.Find(
            new ConfigurationBuilder().AddInMemoryCollection([new("Auth:Authority", authority)]).Build(), [AuthSetup.DevelopmentSigningKey]);
        Found(null).Select(f => f.Setting).ShouldBe(["Auth:Authority"]);
        Found(_issuer).ShouldBeEmpty();
    }
}
