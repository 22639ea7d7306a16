using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FiveSocieties.BuildingBlocks.Texts;

/// <summary>The languages the services write for people in: Chinese first, English on request.</summary>
public enum ReaderLanguage { ZhCN, En }

public static class ReaderLanguages
{
    /// <summary>
    /// The reader's language from Accept-Language: the most preferred of zh-* and en-* (q-values
    /// honoured, q=0 meaning "not this"), zh-CN when neither is asked for or the header is absent.
    /// </summary>
    public static ReaderLanguage Pick(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var ranges))
            return ReaderLanguage.ZhCN;
        // OrderByDescending is stable: among equal weights the one listed first wins.
        foreach (var range in ranges.Where(r => r.Quality is null or > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var tag = range.Value.Value ?? "";
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return ReaderLanguage.ZhCN;
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return ReaderLanguage.En;
        }
        return ReaderLanguage.ZhCN;
    }

    public static ReaderLanguage LanguageOfReader(this HttpRequest request) => Pick(request.Headers.AcceptLanguage.ToString());

    /// <summary>The BCP 47 tag for Content-Language.</summary>
    public static string Tag(this ReaderLanguage language) => language == Texts.ReaderLanguage.En ? "en" : "zh-CN";

    /// <summary>Says which language the response is written in (Content-Language) and returns it.</summary>
    public static ReaderLanguage AnswerInReaderLanguage(this HttpContext http)
    {
        var language = http.Request.LanguageOfReader();
        http.Response.Headers[HeaderNames.ContentLanguage] = language.Tag();
        return language;
    }
}
