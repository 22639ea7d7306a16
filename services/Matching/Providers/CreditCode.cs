namespace FiveSocieties.Matching.Providers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and 21 capital letters (no I, O, Z, S,
/// V); the last is a check character: 31 − (Σ value×weight mod 31) over the first 17, with 31 → 0.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when the code is valid; otherwise what is wrong with it.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "is required.";
        if (code.Length != 18) return "must be 18 characters (统一社会信用代码).";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0) return $"has '{code[i]}' at position {i + 1}: only digits and capital letters other than I, O, Z, S, V.";
            sum += value * Weights[i];
        }
        var expected = Alphabet[(31 - sum % 31) % 31];
        return code[17] == expected ? null : $"fails its check character: expected '{expected}' at position 18.";
    }

    /// <summary>The check character for 17 leading characters (for tests and demo data).</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }
}
