using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace FiveSocieties.Web.StaticApp;

/// <summary>
/// The workbench page with the chunks of the page asked for named in its head. The build writes which
/// chunks each page needs (.vite/route-preloads.json); naming them lets a first visit fetch and
/// compile them alongside the app's entry, instead of only once the router has started and asked.
/// A page path the build does not know (or no build file at all) gets the page as built.
/// </summary>
public sealed class RoutePreloads(IFileProvider files)
{
    public const string PreloadsFile = ".vite/route-preloads.json";

    private readonly Lock _gate = new();
    private (DateTimeOffset Index, DateTimeOffset Preloads, string Html, IReadOnlyList<Route> Routes)? _built;

    public sealed record Route(string[] Segments, string[] Files);

    private sealed record PreloadsDocument(RouteEntry[] Routes);

    private sealed record RouteEntry(string Path, string[] Files);

    /// <summary>The built index page for <paramref name="path"/>, or null when there is no build.</summary>
    public string? IndexPageFor(string path)
    {
        if (Current() is not { } built) return null;
        if (Match(built.Routes, path) is not { } route) return built.Html;
        var links = new StringBuilder();
        foreach (var file in route.Files)
        {
            var href = "/" + WebUtility.HtmlEncode(file);
            links.Append(file.EndsWith(".css", StringComparison.Ordinal)
                ? $"<link rel=\"stylesheet\" crossorigin href=\"{href}\">"
                : $"<link rel=\"modulepreload\" crossorigin href=\"{href}\">");
        }
        var head = built.Html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return head < 0 ? built.Html : built.Html.Insert(head, links.ToString());
    }

    /// <summary>The route whose pattern ("cases/:id", ":" a segment of any value) the path matches, segment by segment.</summary>
    public static Route? Match(IEnumerable<Route> routes, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return routes.FirstOrDefault(r => r.Segments.Length == segments.Length
            && r.Segments.Zip(segments).All(p => p.First.StartsWith(':') || string.Equals(p.First, p.Second, StringComparison.Ordinal)));
    }

    /// <summary>The page and the route table as last built; read again when either file changes (a rebuild under a running host).</summary>
    private (DateTimeOffset Index, DateTimeOffset Preloads, string Html, IReadOnlyList<Route> Routes)? Current()
    {
        var index = files.GetFileInfo("index.html");
        if (!index.Exists) return null;
        var preloads = files.GetFileInfo(PreloadsFile);
        var preloadsWritten = preloads.Exists ? preloads.LastModified : DateTimeOffset.MinValue;
        lock (_gate)
        {
            if (_built is { } b && b.Index == index.LastModified && b.Preloads == preloadsWritten) return b;
            string html;
            using (var reader = new StreamReader(index.CreateReadStream(), Encoding.UTF8)) html = reader.ReadToEnd();
            _built = (index.LastModified, preloadsWritten, html, preloads.Exists ? Read(preloads) : []);
            return _built;
        }
    }

    private static IReadOnlyList<Route> Read(IFileInfo preloads)
    {
        using var stream = preloads.CreateReadStream();
        var document = JsonSerializer.Deserialize<PreloadsDocument>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return (document?.Routes ?? [])
            .Select(r => new Route(r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries), r.Files.Where(f => f.StartsWith("assets/", StringComparison.Ordinal)).ToArray()))
            .ToList();
    }
}
