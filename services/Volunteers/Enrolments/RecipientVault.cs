// Crypto-shredding (DESIGN §6): the recipient's details are stored only sealed with a key of
// their own; deleting the key leaves no readable trace in the event streams, which Marten
// cannot rewrite. Keys are the one document written beside the events, because erasing them
// is the point.
using System.Security.Cryptography;
using System.Text.Json;
using Marten;

namespace FiveSocieties.Volunteers.Enrolments;

/// <summary>What a volunteer needs to bring a meal. Personal data: only ever stored sealed.</summary>
public sealed record RecipientDetails(string Name, string Address, string Phone, string? DietaryNotes, Position? Position);

/// <summary>The per-case key that opens a recipient's sealed details.</summary>
public sealed record RecipientKey(Guid Id, byte[] Key);

public static class RecipientVault
{
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>Seals with the case's key; a key made for the occasion is returned for the caller to store only if it keeps what it sealed.</summary>
    public static async Task<(string Sealed, RecipientKey? NewKey)> SealAsync(IQuerySession session, Guid caseId, RecipientDetails details,
        CancellationToken cancellationToken)
    {
        var key = await session.LoadAsync<RecipientKey>(caseId, cancellationToken);
        var newKey = key is null ? new RecipientKey(caseId, RandomNumberGenerator.GetBytes(32)) : null;
        return (Seal(key ?? newKey!, details), newKey);
    }

    public static string Seal(RecipientKey key, RecipientDetails details)
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
    public static RecipientDetails? Open(RecipientKey? key, string? sealedDetails)
    {
        if (key is null || sealedDetails is null) return null;
        var bytes = Convert.FromBase64String(sealedDetails);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain, key.Id.ToByteArray());
        return JsonSerializer.Deserialize<RecipientDetails>(plain);
    }

    public static async Task<IReadOnlyDictionary<Guid, RecipientKey>> KeysAsync(IQuerySession session, IEnumerable<Guid> caseIds, CancellationToken cancellationToken)
    {
        var keys = await session.LoadManyAsync<RecipientKey>(cancellationToken, caseIds.Distinct().ToArray());
        return keys.ToDictionary(k => k.Id);
    }

    /// <summary>Deletes the key in <paramref name="session"/>: once committed, nothing sealed with it can be read again.</summary>
    public static void Shred(IDocumentSession session, Guid caseId) => session.Delete<RecipientKey>(caseId);
}
