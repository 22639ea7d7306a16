namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>Token validation, bound from the "Auth" section.</summary>
public sealed class AuthSettings
{
    public string Issuer { get; set; } = "fivesoc-dev";
    public string Audience { get; set; } = "fivesoc";

    /// <summary>
    /// Symmetric key for development tokens minted by <c>fivesoc token</c>. Development only;
    /// when unset, the well-known <see cref="DevelopmentTokens.WellKnownKey"/> is used.
    /// </summary>
    public string? DevelopmentSigningKey { get; set; }

    /// <summary>An OpenID Connect authority (production): issuer and signing keys from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS; always true in Production unless set false explicitly.</summary>
    public bool? RequireHttpsMetadata { get; set; }
}
