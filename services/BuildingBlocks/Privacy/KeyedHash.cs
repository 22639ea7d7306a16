using System.Security.Cryptography;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Privacy;

/// <summary>
/// Bound from the "Privacy" section. The keyed hash's secret is versioned so that it can be
/// rotated: <c>Privacy__HashSecrets__v2=…</c> adds version 2, <c>Privacy__HashSecret</c> is version 1
/// (the one setting there was before versions). New hashes are made under the current version;
/// look-ups try every configured one, until <c>fivesoc rehash</c> has rewritten the stored hashes
/// and the old secret can be dropped.
/// </summary>
public sealed class PrivacySettings
{
    public const string DevelopmentHashSecret = "fivesoc-development-hash-secret";
    public const string FirstVersion = "v1";

    /// <summary>Shorter secrets are refused in Production: a keyed hash is only as hard to reverse as its secret is to guess.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>The secret of version v1 (Privacy__HashSecret); unset, with no other version, the public development one.</summary>
    public string? HashSecret { get; set; }

    /// <summary>Secrets by version, "v1", "v2" … (Privacy__HashSecrets__v2).</summary>
    public Dictionary<string, string> HashSecrets { get; set; } = [];

    /// <summary>
    /// The version new hashes are made under; unset, the highest configured. Set it to the old one
    /// while a new secret reaches every replica, so that no replica meets a hash it cannot look up.
    /// </summary>
    public string? CurrentHashVersion { get; set; }

    /// <summary>The configured secrets, each with its version and the setting it came from, current first.</summary>
    public IReadOnlyList<HashSecret> Secrets()
    {
        var secrets = HashSecrets.Select(s => new HashSecret(VersionNumber(s.Key, $"Privacy:HashSecrets:{s.Key}"), s.Value, $"Privacy:HashSecrets:{s.Key}")).ToList();
        if (!string.IsNullOrEmpty(HashSecret))
        {
            if (secrets.Any(s => s.Version == 1 && s.Secret != HashSecret))
                throw new InvalidOperationException("Privacy:HashSecret and Privacy:HashSecrets:v1 are both version 1 and differ: keep one.");
            if (secrets.All(s => s.Version != 1)) secrets.Add(new(1, HashSecret, "Privacy:HashSecret"));
        }
        if (secrets.Count == 0) secrets.Add(new(1, DevelopmentHashSecret, "Privacy:HashSecret"));
        var current = CurrentHashVersion is { Length: > 0 } named ? VersionNumber(named, "Privacy:CurrentHashVersion") : secrets.Max(s => s.Version);
        if (secrets.All(s => s.Version != current))
            throw new InvalidOperationException($"Privacy:CurrentHashVersion is v{current}, but no Privacy:HashSecrets:v{current} is configured.");
        return [.. secrets.OrderByDescending(s => s.Version == current).ThenByDescending(s => s.Version)];
    }

    private static int VersionNumber(string version, string setting) =>
        version.Length > 1 && (version[0] is 'v' or 'V') && int.TryParse(version.AsSpan(1), out var number) && number > 0
            ? number
            : throw new InvalidOperationException($"{setting}: a hash version is named v1, v2 …, not '{version}'.");

    /// <summary>In Production: no development, published or short secret among the configured ones.</summary>
    public IEnumerable<DevelopmentSecret> DevelopmentSecrets() => Secrets()
        .Where(s => s.Secret == DevelopmentHashSecret || ProductionSecrets.IsPublishedPassword(s.Secret) || s.Secret.Length < MinimumSecretLength)
        .Select(s => new DevelopmentSecret(s.Setting, s.Secret == DevelopmentHashSecret
            ? "unset or the public development secret, so anyone could recompute the hashes of ID numbers"
            : $"a published value or shorter than {MinimumSecretLength} characters"));
}

/// <summary>One version of the keyed hash's secret and the setting it was read from.</summary>
public sealed record HashSecret(int Version, string Secret, string Setting);

/// <summary>
/// HMAC-SHA256 of an identifier (an ID number, a birth date with an address) under the service's
/// secret: equal inputs match, and the hash alone cannot be reversed by trying every ID number
/// without the secret. The purpose keeps hashes of different kinds from ever matching each other.
/// A hash carries its secret's version as a prefix ("v2:…"), except version 1's, which is bare
/// hexadecimal as every hash was before versions, so that those stored then stay valid.
/// </summary>
public sealed class KeyedHash
{
    private readonly byte[] _secret;

    public KeyedHash(PrivacySettings settings)
    {
        var secrets = settings.Secrets();
        (Version, _secret) = (secrets[0].Version, Encoding.UTF8.GetBytes(secrets[0].Secret));
        Versions = [this, .. secrets.Skip(1).Select(s => new KeyedHash(s))];
    }

    private KeyedHash(HashSecret secret)
    {
        (Version, _secret) = (secret.Version, Encoding.UTF8.GetBytes(secret.Secret));
        Versions = [this];
    }

    /// <summary>The version new hashes are made under.</summary>
    public int Version { get; }

    /// <summary>
    /// This hash under each configured version, the current first: a look-up tries them all, so a
    /// value hashed under a previous secret is still found until the re-index rewrote it.
    /// </summary>
    public IReadOnlyList<KeyedHash> Versions { get; }

    public string Of(string purpose, string value)
    {
        var normalized = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var hex = Convert.ToHexString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(purpose + ":" + normalized)));
        return Version == 1 ? hex : $"v{Version}:{hex}";
    }

    /// <summary>Whether a stored hash was made under the current version (nothing stored needs no rewriting).</summary>
    public bool IsCurrent(string? hash) => hash is null || VersionOf(hash) == Version;

    /// <summary>The prefix of hashes of the current version ("v2:"), or null for version 1's bare ones.</summary>
    public string? Prefix => Version == 1 ? null : $"v{Version}:";

    public static int VersionOf(string hash) =>
        hash.IndexOf(':') is > 1 and var colon && int.TryParse(hash.AsSpan(1, colon - 1), out var version) ? version : 1;
}

public static class PrivacySetup
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Privacy").Get<PrivacySettings>() ?? new();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new KeyedHash(settings));
        builder.RefuseDevelopmentSecrets(_ => settings.DevelopmentSecrets());
        return builder;
    }
}
