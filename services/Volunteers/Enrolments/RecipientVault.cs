// Crypto-shredding (DESIGN §6): the recipient's details are stored only sealed with a key of
// their own, kept in the key store (BuildingBlocks/Privacy/KeyStore.cs) apart from this service's
// database; deleting the key leaves no readable trace in the event streams, which Marten cannot
// rewrite.
using System.Security.Cryptography;
using System.Text.Json;
using FiveSocieties.BuildingBlocks.Privacy;

namespace FiveSocieties.Volunteers.Enrolments;

/// <summary>What a volunteer needs to bring a meal. Personal data: only ever stored sealed.</summary>
public sealed record RecipientDetails(string Name, string Address, string Phone, string? DietaryNotes, Position? Position);

/// <summary>The recipient's details sealed with the case's key (in the key store, under this service).</summary>
public static class RecipientVault
{
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>The details sealed with the case's key, made when it has none; null when the client was erased.</summary>
    public static async Task<string?> SealAsync(IPersonalKeyStore keys, Guid caseId, RecipientDetails details, CancellationToken cancellationToken) =>
        await keys.GetOrCreateAsync(caseId, cancellationToken) is { } key ? Seal(key, details) : null;

    public static string Seal(SubjectKey key, RecipientDetails details)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(details);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), key.Id.ToByteArray());
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The details, or null when there are none or their key was shredded.</summary>
    public static RecipientDetails? Open(SubjectKey? key, string? sealedDetails)
    {
        if (key is null || sealedDetails is null) return null;
        var bytes = Convert.FromBase64String(sealedDetails);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain, key.Id.ToByteArray());
        return JsonSerializer.Deserialize<RecipientDetails>(plain);
    }

    public static Task<IReadOnlyDictionary<Guid, SubjectKey>> KeysAsync(IPersonalKeyStore keys, IEnumerable<Guid> caseIds, CancellationToken cancellationToken) =>
        keys.FindAsync(caseIds.Distinct().ToList(), cancellationToken);

    /// <summary>
    /// Deletes the case's key, before the caller commits the end it records: were that commit to
    /// fail, the message or request is tried again, and meanwhile nothing can be read.
    /// </summary>
    public static Task ShredAsync(IPersonalKeyStore keys, Guid caseId, CancellationToken cancellationToken) =>
        keys.DeleteAsync([caseId], cancellationToken);
}
