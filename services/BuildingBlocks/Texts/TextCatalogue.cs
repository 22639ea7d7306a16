namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>
/// What one area's English texts for people read as in Chinese (zh-CN). The English stays where
/// the text is made (a decider's rule, a validator's message, a timeline entry), readable in place;
/// the catalogue adds the Chinese, found by a stable key:
/// <list type="bullet">
/// <item><see cref="Rules"/>: a domain rule's code ("need.case-closed") → its explanation;</item>
/// <item><see cref="Phrases"/>: an English template ("must be at most {0} characters.") → the same in Chinese;</item>
/// <item><see cref="Codes"/>: the stable code of an entry or reason ("timeline.NeedMatched") → its text;</item>
/// <item><see cref="Names"/>: an enum value ("Urgency.Urgent") → its name, used when it fills a placeholder.</item>
/// </list>
/// Chinese templates use the English one's numbered placeholders ({0}, {1:yyyy-MM-dd}), in any order.
/// </summary>
public sealed class TextCatalogue(string area)
{
    public string Area { get; } = area;

    public Dictionary<string, string> Rules { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Phrases { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Codes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Every (section, key, Chinese) of the catalogue, for the tests that check it is complete.</summary>
    public IEnumerable<(string Section, string Key, string ZhCN)> Entries =>
        Rules.Select(e => ("Rules", e.Key, e.Value))
            .Concat(Phrases.Select(e => ("Phrases", e.Key, e.Value)))
            .Concat(Codes.Select(e => ("Codes", e.Key, e.Value)))
            .Concat(Names.Select(e => ("Names", e.Key, e.Value)));

    public static string NameKey(Enum value) => $"{value.GetType().Name}.{value}";
}

/// <summary>The catalogues a host knows (the shared one and its own), searched in order.</summary>
public sealed class TextCatalogues(IEnumerable<TextCatalogue> catalogues)
{
    private readonly TextCatalogue[] _catalogues = [.. catalogues];

    public TextCatalogues(params TextCatalogue[] catalogues) : this((IEnumerable<TextCatalogue>)catalogues) { }

    public IReadOnlyList<TextCatalogue> All => _catalogues;

    public string? Rule(string code) => Find(c => c.Rules, code);

    public string? Phrase(string template) => Find(c => c.Phrases, template);

    public string? Code(string code) => Find(c => c.Codes, code);

    public string? Name(Enum value) => Find(c => c.Names, TextCatalogue.NameKey(value));

    /// <summary>An enum value's name in the reader's language (its C# name in English).</summary>
    public string Name(Enum value, ReaderLanguage language) =>
        language == ReaderLanguage.En ? value.ToString() : Name(value) ?? value.ToString();

    /// <summary>
    /// A validation or framework phrase in the reader's language, found by its English template;
    /// failing that, by the template with its numbers as placeholders too, so that
    /// "must be at most 500 characters." finds "must be at most {0} characters.".
    /// </summary>
    public string Say(Phrase phrase, ReaderLanguage language)
    {
        if (language == ReaderLanguage.En) return phrase.English;
        if (Phrase(phrase.Template) is { } exact) return phrase.In(language, exact, this);
        var general = phrase.WithNumbersAsArguments();
        return general.In(language, Phrase(general.Template), this);
    }

    /// <summary>A text with a stable code (a timeline entry, a match reason) in the reader's language.</summary>
    public string Say(string code, Phrase english, ReaderLanguage language) => english.In(language, Code(code), this);

    private string? Find(Func<TextCatalogue, Dictionary<string, string>> section, string key)
    {
        foreach (var catalogue in _catalogues)
            if (section(catalogue).TryGetValue(key, out var text)) return text;
        return null;
    }
}

public static class TextCatalogueRegistration
{
    /// <summary>Adds an area's Chinese texts to those the host's problems, timelines and reasons are said with.</summary>
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddTextCatalogue(
        this Microsoft.Extensions.DependencyInjection.IServiceCollection services, TextCatalogue catalogue) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, catalogue);
}
