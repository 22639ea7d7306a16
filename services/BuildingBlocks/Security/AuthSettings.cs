namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>Token validation, bound from the "Auth" section.</summary>
public sealed class AuthSettings
{
    /// <summary>The issuer development tokens carry (and are checked for) when no authority is configured.</summary>
    public const string DevelopmentIssuer = "fivesoc-dev";

    /// <summary>
    /// The issuer a token must carry. Unset: with an authority, the one its metadata names (as compose and
    /// k8s deploy it); without one, <see cref="DevelopmentIssuer"/>.
    /// </summary>
    public string? Issuer { get; set; }
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
