using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace FiveSocieties.Web.StaticApp;

/// <summary>
/// A script or style under /assets/ answered with the brotli or gzip copy the build wrote beside it,
/// when the browser accepts that encoding: a third of the bytes for a phone on a mobile network,
/// and no compressing per request. Anything else falls through to the plain file.
/// </summary>
public static class PrecompressedAssets
{
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public static async Task<bool> TryServeAsync(HttpContext http, IFileProvider files, IContentTypeProvider types)
    {
        var path = http.Request.Path;
        if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || !path.StartsWithSegments("/assets") || !types.TryGetContentType(path.Value!, out var contentType)
            || !(path.Value!.EndsWith(".js", StringComparison.Ordinal) || path.Value.EndsWith(".css", StringComparison.Ordinal)))
            return false;

        var accepted = http.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in Encodings)
        {
            if (!accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0)) continue;
            var copy = files.GetFileInfo(path.Value + suffix);
            if (!copy.Exists || copy.IsDirectory) continue;
            http.Response.ContentType = contentType;
            http.Response.Headers.ContentEncoding = encoding;
            http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            http.Response.Headers.CacheControl = StaticAppHosting.AssetCaching;
            http.Response.ContentLength = copy.Length;
            if (HttpMethods.IsGet(http.Request.Method)) await http.Response.SendFileAsync(copy, http.RequestAborted);
            return true;
        }
        return false;
    }
}
