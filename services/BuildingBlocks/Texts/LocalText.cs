using System.Globalization;

namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>A text for people in both languages the services write in; either may hold {0}-style placeholders.</summary>
public readonly record struct LocalText(string ZhCN, string En)
{
    public string In(ReaderLanguage language) => language == ReaderLanguage.En ? En : ZhCN;

    public string In(ReaderLanguage language, params object?[] args) =>
        args.Length == 0 ? In(language) : string.Format(CultureInfo.InvariantCulture, In(language), args);
}
