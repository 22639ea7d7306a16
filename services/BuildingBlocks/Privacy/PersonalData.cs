// Crypto-shredding (DESIGN §6, PIPL): personal fields are sealed with a key of their own subject
// (a person, a household) held in the key store; erasing the subject deletes its key, after which
// every copy of the sealed fields — in streams, snapshots, read models — is unreadable noise.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;

namespace FiveSocieties.BuildingBlocks.Privacy;

/// <summary>The key of one data subject (a person or a household). Never updated: inserted once, deleted to erase.</summary>
public sealed record SubjectKey(Guid Id, byte[] Key, DateTimeOffset CreatedAt);

/// <summary>AES-256-GCM sealing of personal fields with the subject's key.</summary>
public static class PersonalData
{
    /// <summary>What every sealed value starts with (its format's version).</summary>
    public const string Prefix = "s1:";
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>
    /// The subject's key, created (inserted in <paramref name="session"/>, so it commits with the
    /// events that use it) when the subject has none. Insert, never upsert: overwriting a key
    /// would make everything sealed with the old one unreadable.
    /// </summary>
    public static async Task<SubjectKey> KeyForAsync(IDocumentSession session, Guid subjectId, TimeProvider clock, CancellationToken cancellationToken) =>
        await session.LoadAsync<SubjectKey>(subjectId, cancellationToken) ?? NewKey(session, subjectId, clock);

    /// <summary>A key for a subject already known to have none (its key was read with something else), inserted in the session.</summary>
    public static SubjectKey NewKey(IDocumentSession session, Guid subjectId, TimeProvider clock)
    {
        var key = MakeKey(subjectId, clock);
        session.Insert(key);
        return key;
    }

    /// <summary>A fresh key for a subject, for the caller to insert with what it seals.</summary>
    public static SubjectKey MakeKey(Guid subjectId, TimeProvider clock) =>
        new(subjectId, RandomNumberGenerator.GetBytes(32), clock.GetUtcNow());

    /// <summary>The keys of these subjects that still exist (erased subjects are missing).</summary>
    public static async Task<IReadOnlyDictionary<Guid, SubjectKey>> KeysAsync(
        IQuerySession session, IEnumerable<Guid> subjectIds, CancellationToken cancellationToken)
    {
        var keys = await session.LoadManyAsync<SubjectKey>(cancellationToken, subjectIds.Distinct());
        return keys.ToDictionary(k => k.Id);
    }

    public static string Seal(SubjectKey key, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        // The subject's id is bound in as associated data: a sealed value moved to another subject does not open.
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), key.Id.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext, or null when the key is gone (the subject was erased) or the value is null.</summary>
    public static string? Open(SubjectKey? key, string? sealedValue)
    {
        if (key is null || sealedValue is null) return null;
        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal)) throw new FormatException("Not a sealed value.");
        var bytes = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain, key.Id.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Seals a small record of personal fields as one value.</summary>
    public static string SealJson<T>(SubjectKey key, T fields) => Seal(key, JsonSerializer.Serialize(fields));

    public static T? OpenJson<T>(SubjectKey? key, string? sealedValue) where T : class =>
        Open(key, sealedValue) is { } json ? JsonSerializer.Deserialize<T>(json) : null;

    /// <summary>The key store's table.</summary>
    public static StoreOptions AddSubjectKeys(this StoreOptions store)
    {
        store.Schema.For<SubjectKey>().DocumentAlias("subject_key");
        return store;
    }
}
