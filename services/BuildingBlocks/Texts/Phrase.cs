using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>
/// An English sentence for people, kept as its template and arguments so that it can be said in
/// Chinese too: <c>$"must be at most {max} characters."</c> is the template
/// "must be at most {0} characters." with the argument max. The template (or a stable code)
/// finds the Chinese template in a <see cref="TextCatalogue"/>, as gettext finds a msgstr by its msgid.
/// A plain string converts too; its template is the whole text.
/// </summary>
[InterpolatedStringHandler]
public sealed partial class Phrase
{
    private readonly StringBuilder? _builder;
    private readonly List<object?> _arguments;
    private string? _template;

    public Phrase(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + 4 * formattedCount);
        _arguments = new List<object?>(formattedCount);
    }

    private Phrase(string template, List<object?> arguments)
    {
        _template = template;
        _arguments = arguments;
    }

    public void AppendLiteral(string text) => _builder!.Append(text.Replace("{", "{{").Replace("}", "}}"));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment, string? format = null)
    {
        _builder!.Append('{').Append(_arguments.Count);
        if (alignment != 0) _builder.Append(',').Append(alignment);
        if (format is not null) _builder.Append(':').Append(format);
        _builder.Append('}');
        _arguments.Add(value);
    }

    public static implicit operator Phrase(string text) => new(text.Replace("{", "{{").Replace("}", "}}"), []);

    /// <summary>The English template, holes numbered as for string.Format.</summary>
    public string Template => _template ??= _builder!.ToString();

    public IReadOnlyList<object?> Arguments => _arguments;

    public string English => string.Format(CultureInfo.InvariantCulture, Template, [.. _arguments]);

    /// <summary>
    /// The phrase in <paramref name="language"/>: for Chinese, <paramref name="zhTemplate"/> filled
    /// with the same arguments (enum values by their Chinese names); English when there is no
    /// Chinese template or it asks for an argument the phrase does not have.
    /// </summary>
    public string In(ReaderLanguage language, string? zhTemplate, TextCatalogues? names = null)
    {
        if (language == ReaderLanguage.En || zhTemplate is null) return English;
        try
        {
            var arguments = _arguments.Select(a => a switch
            {
                Enum value when names?.Name(value) is { } name => name,
                LowerName lower when names?.Name(lower.Value) is { } name => name,
                NameList list when names is not null => string.Join("、", list.Values.Select(v => names.Name(v) ?? v.ToString())),
                Phrase inner when names is not null => names.Say(inner, language),
                _ => a,
            }).ToArray();
            return string.Format(CultureInfo.InvariantCulture, zhTemplate, arguments);
        }
        catch (FormatException)
        {
            return English;
        }
    }

    /// <summary>The same phrase with each number written into its template made an argument, placeholders renumbered in order.</summary>
    public Phrase WithNumbersAsArguments()
    {
        var arguments = new List<object?>();
        var template = HoleOrNumber().Replace(Template, match =>
        {
            if (match.Value.StartsWith('{'))
            {
                var spec = match.Groups["spec"].Value;
                arguments.Add(_arguments[int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)]);
                return "{" + (arguments.Count - 1) + spec + "}";
            }
            arguments.Add(match.Value);
            return "{" + (arguments.Count - 1) + "}";
        });
        return new Phrase(template, arguments);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\{)\{(?<index>\d+)(?<spec>[^{}]*)\}|(?<![\w{])-?\d+(?:\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex HoleOrNumber();

    public override string ToString() => English;
}
