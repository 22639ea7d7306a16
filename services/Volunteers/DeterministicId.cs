using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.Volunteers;

/// <summary>
/// Ids derived from what they identify (a household's delivery on a day, a task's time-bank entry):
/// repeating the work that creates them finds the same stream instead of creating another.
/// </summary>
public static class DeterministicId
{
    public static Guid For(string kind, params object[] parts)
    {
        var text = kind + "|" + string.Join("|", parts.Select(p => p switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd"),
            Guid g => g.ToString("N"),
            _ => p.ToString(),
        }));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
