using System.Security.Cryptography;
using System.Text;
using FiveSocieties.BuildingBlocks.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Privacy;

/// <summary>Bound from the "Privacy" section.</summary>
public sealed class PrivacySettings
{
    public const string DevelopmentHashSecret = "fivesoc-development-hash-secret";

    /// <summary>The service's secret for keyed hashes; production sets its own (Privacy__HashSecret).</summary>
    public string HashSecret { get; set; } = DevelopmentHashSecret;
}

/// <summary>
/// HMAC-SHA256 of an identifier (an ID number, a birth date with an address) under the service's
/// secret: equal inputs match, and the hash alone cannot be reversed by trying every ID number
/// without the secret. The purpose keeps hashes of different kinds from ever matching each other.
/// </summary>
public sealed class KeyedHash(PrivacySettings settings)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(settings.HashSecret);

    public string Of(string purpose, string value)
    {
        var normalized = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return Convert.ToHexString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(purpose + ":" + normalized)));
    }
}

public static class PrivacySetup
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Privacy").Get<PrivacySettings>() ?? new();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<KeyedHash>();
        builder.RefuseDevelopmentSecrets(_ => settings.HashSecret == PrivacySettings.DevelopmentHashSecret
            ? [new("Privacy:HashSecret", "unset or the public development secret, so anyone could recompute the hashes of ID numbers")]
            : []);
        return builder;
    }
}
