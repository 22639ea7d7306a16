using Microsoft.AspNetCore.Http;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a client sends the version it last saw as
/// <c>If-Match: "7"</c>; the command appends only if the stream is still at version 7 (else 409).
/// Responses carry the new version as an ETag.
/// </summary>
public static class ExpectedVersion
{
    public static long? FromIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*") return null;
        var raw = header.Trim().TrimStart('W', '/').Trim('"');
        if (long.TryParse(raw, out var version) && version >= 0) return version;
        throw new InvalidRequest(new Dictionary<string, string[]>
        {
            ["If-Match"] = ["must be the stream version as an entity tag, e.g. \"3\"."],
        });
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = $"\"{version}\"";
}
