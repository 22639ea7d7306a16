// RFC 4180 comma-separated values, as HSDS's tabular data package uses them: quoted fields may
// hold commas, quotes ("") and line breaks; records end in CRLF or LF; UTF-8 with or without a BOM.
using System.Text;

namespace FiveSocieties.Matching.Directory;

/// <summary>A CSV text that breaks RFC 4180 in a way no reading can recover from; <see cref="Record"/> is 1-based, the header being record 1.</summary>
public sealed class CsvFormatException(int record, string message) : Exception(message)
{
    public int Record { get; } = record;
}

public static class Csv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (a leading BOM is dropped); invalid bytes are refused rather than turned into U+FFFD, which would import silently damaged names.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new CsvFormatException(0, "is not valid UTF-8."); }
    }

    /// <summary>Every record as its fields. Blank lines are skipped (a spreadsheet's trailing empty line is not a row of empty values).</summary>
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var quoted = false;      // inside a quoted field
        var wasQuoted = false;   // the current field was quoted, so it counts even when empty
        void EndField() { fields.Add(field.ToString()); field.Clear(); wasQuoted = false; }
        void EndRecord()
        {
            if (fields.Count > 0 || field.Length > 0 || wasQuoted)
            {
                EndField();
                records.Add([.. fields]);
            }
            fields.Clear();
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else
                {
                    quoted = false;
                    if (i + 1 < text.Length && text[i + 1] is not (',' or '\r' or '\n'))
                        throw new CsvFormatException(records.Count + 1, "has a character after a closing quote.");
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted: quoted = wasQuoted = true; break;
                case ',': EndField(); break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    EndRecord();
                    break;
                // A stray quote inside an unquoted field is kept as written, as spreadsheets do.
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new CsvFormatException(records.Count + 1, "has a quoted field that never closes.");
        EndRecord();
        return records;
    }

    /// <summary>Writes one record; fields holding a comma, quote, line break or edge spaces are quoted so they read back unchanged.</summary>
    public static void WriteRecord(StringBuilder output, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var value in fields)
        {
            if (!first) output.Append(',');
            first = false;
            if (string.IsNullOrEmpty(value)) continue;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ')
                output.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
            else output.Append(value);
        }
        output.Append("\r\n");
    }
}
