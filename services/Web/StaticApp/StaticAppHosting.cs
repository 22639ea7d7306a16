using System.Text;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Net.Http.Headers;

namespace FiveSocieties.Web.StaticApp;

/// <summary>
/// The app's built files (Vite writes services/Web/wwwroot): hashed assets cached for a year,
/// the pages never, and for any other page path its app's page, so that app's router takes over:
/// field.html under /field/ (the volunteer's phone app), index.html elsewhere (the workbench).
/// Without a build the host still runs and says so.
/// </summary>
public static class StaticAppHosting
{
    private const string Index = "index.html";
    private const string Field = "field.html";

    public static WebApplication MapStaticApp(this WebApplication app, WebSettings settings)
    {
        var folder = AppFolder(settings, app.Environment.ContentRootPath);
        var built = File.Exists(Path.Combine(folder, Index));
        if (!built)
            app.Logger.LogWarning("The app is not built ({Folder} has no {Index}): the Web host answers / with a note; build it with npm run build in services/Web/app.", folder, Index);
        var files = Directory.Exists(folder) ? new PhysicalFileProvider(folder) : null;
        // The build's own notes (.vite/) are never served, but the host reads which chunks each page needs.
        var preloads = Directory.Exists(folder) ? new RoutePreloads(new PhysicalFileProvider(folder, ExclusionFilters.None)) : null;
        var types = ContentTypes();
        if (files is not null)
        {
            app.Use(async (http, next) =>
            {
                // The provider hides dot-files but not what is inside a dot-folder (.vite/manifest.json).
                if (http.Request.Path.Value?.Contains("/.", StringComparison.Ordinal) == true)
                    await WebProblems.NotFoundAsync(http);
                else if (!await PrecompressedAssets.TryServeAsync(http, files, types)) await next(http);
            });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files, OnPrepareResponse = context => CacheFor(context.Context), ContentTypeProvider = types,
            });
        }

        // Page paths only: a path naming a file (with an extension) that does not exist stays a 404,
        // and so does anything but a read (an unmatched POST is a 404, not a 405 from this route).
        app.MapFallback(async (HttpContext http) =>
        {
            var path = http.Request.Path;
            if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                || path.StartsWithSegments("/api") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/health"))
            {
                await WebProblems.NotFoundAsync(http);
                return;
            }
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.ContentType = "text/html; charset=utf-8";
            if (path.StartsWithSegments("/field"))
            {
                if (files?.GetFileInfo(Field) is { Exists: true } field)
                {
                    await http.Response.SendFileAsync(field, http.RequestAborted);
                    return;
                }
            }
            else if (preloads?.IndexPageFor(path.Value ?? "/") is { } index)
            {
                await http.Response.WriteAsync(index, Encoding.UTF8, http.RequestAborted);
                return;
            }
            await http.Response.WriteAsync(NotBuiltPage, Encoding.UTF8, http.RequestAborted);
        });
        return app;
    }

    /// <summary>Web:AppPath, else services/Web/wwwroot of the repository the host runs in, else wwwroot beside the host.</summary>
    public static string AppFolder(WebSettings settings, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(settings.AppPath)) return Path.GetFullPath(settings.AppPath, contentRoot);
        return RepositoryFolders.Find(contentRoot) is { } repository
            ? Path.Combine(repository, "services", "Web", "wwwroot")
            : Path.Combine(contentRoot, "wwwroot");
    }

    /// <summary>The web app manifest has a type of its own (a browser may refuse it as text).</summary>
    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        return types;
    }

    /// <summary>Vite names every file under assets/ by its content hash: a changed file is a new name.</summary>
    public const string AssetCaching = "public, max-age=31536000, immutable";

    private static void CacheFor(HttpContext http)
    {
        var asset = http.Request.Path.StartsWithSegments("/assets");
        http.Response.Headers[HeaderNames.CacheControl] = asset ? AssetCaching : "no-cache";
        // The same address may be answered compressed (PrecompressedAssets): a shared cache must keep both apart.
        if (asset) http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
    }

    private const string NotBuiltPage = """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>五社联动工作台 · FiveSocieties</title></head>
        <body>
        <h1>工作台尚未构建</h1>
        <p>Web 主机在运行，但前端应用还没有构建：请在 services/Web/app 中运行 <code>npm ci &amp;&amp; npm run build</code>，然后刷新本页。</p>
        <h1 lang="en">The workbench app is not built</h1>
        <p lang="en">The Web host is running, but the app has not been built: run <code>npm ci &amp;&amp; npm run build</code> in services/Web/app, then reload this page.</p>
        </body>
        </html>
        """;
}
