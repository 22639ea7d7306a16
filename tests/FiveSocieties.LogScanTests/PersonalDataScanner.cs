namespace FiveSocieties.LogScanTests;

/// <summary>A personal value found in a log, with the line it was found on.</summary>
public sealed record Leak(string Value, string File, int LineNumber, string Line);

/// <summary>
/// Finds any of a set of personal values in log text. Names here have no separators around them
/// (王秀英 inside a Chinese sentence), so it looks up every substring of each length that occurs
/// among the values — one hash lookup per position and length, no allocation — instead of
/// searching for each value in turn over megabytes of log.
/// </summary>
public sealed class PersonalDataScanner
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> values;
    private readonly int[] lengths;

    public PersonalDataScanner(IEnumerable<string> personalValues)
    {
        var set = new HashSet<string>(personalValues.Where(v => v.Length > 0), StringComparer.Ordinal);
        values = set.GetAlternateLookup<ReadOnlySpan<char>>();
        lengths = set.Select(v => v.Length).Distinct().Order().ToArray();
    }

    public IEnumerable<Leak> Scan(string file, IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            foreach (var value in ValuesIn(line)) yield return new Leak(value, file, number, line);
        }
    }

    private List<string> ValuesIn(string line)
    {
        var found = new List<string>();
        var span = line.AsSpan();
        for (var start = 0; start < span.Length; start++)
            foreach (var length in lengths)
            {
                if (start + length > span.Length) break;
                if (values.TryGetValue(span.Slice(start, length), out var value) && StandsAlone(span, start, length, value)) found.Add(value);
            }
        return found;
    }

    /// <summary>
    /// A Latin or digit value (a phone, an ID number, a secret) counts only as a whole token: the
    /// test number 12345 inside a GUID, a port or a decimal (a request of 12345.1595 ms) is not a
    /// leak. Chinese names have no such boundaries, so they count wherever they occur.
    /// </summary>
    private static bool StandsAlone(ReadOnlySpan<char> line, int start, int length, string value)
    {
        if (!value.All(char.IsAscii)) return true;
        var end = start + length;
        return !Continues(line, start - 1, start - 2, char.IsAsciiDigit(value[0]))
               && !Continues(line, end, end + 1, char.IsAsciiDigit(value[^1]));
    }

    /// <summary>
    /// Whether the character at <paramref name="next"/> carries the token on: a letter or a digit,
    /// or — after a digit — a decimal point with a digit <paramref name="beyond"/> it.
    /// </summary>
    private static bool Continues(ReadOnlySpan<char> line, int next, int beyond, bool edgeIsDigit) =>
        next >= 0 && next < line.Length
        && (char.IsAsciiLetterOrDigit(line[next])
            || edgeIsDigit && line[next] == '.' && beyond >= 0 && beyond < line.Length && char.IsAsciiDigit(line[beyond]));
}
