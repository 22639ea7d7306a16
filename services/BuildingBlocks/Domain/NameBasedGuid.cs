using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.BuildingBlocks.Domain;

/// <summary>
/// RFC 9562 version 5 UUIDs: the same namespace and name always give the same id. Deterministic
/// ids are how a redelivered message or a repeated request finds the stream it already created.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
