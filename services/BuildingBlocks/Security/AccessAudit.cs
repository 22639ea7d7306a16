// 查阅留痕, checked from the outside: a response that carried someone's personal data says so
// (X-Personal-Data-Shown), and a response whose request committed access-audit events says how
// many (X-Access-Audited, set when they commit, before the response starts). A client — the
// browser tests — can then count that every read it was shown was recorded. Ids of nobody travel.
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FiveSocieties.BuildingBlocks.Security;

/// <summary>An event that records a read of personal data: who read what, when (never what was read).</summary>
public interface IAccessAuditEntry;

public static class AccessAudit
{
    public const string PersonalDataShown = "X-Personal-Data-Shown";
    public const string Audited = "X-Access-Audited";

    /// <summary>Marks this response as one that showed someone's personal data.</summary>
    public static void ShowedPersonalData(this HttpResponse response) => response.Headers[PersonalDataShown] = "1";

    /// <summary>
    /// Records the reads an answer is about to show, in a stream of their own (reading never waits
    /// for or conflicts with anyone), commits them, and marks the answer; nothing when it shows no one.
    /// </summary>
    public static async Task RecordShownAsync(
        this IDocumentSession session, HttpResponse response, IReadOnlyCollection<IAccessAuditEntry> reads, CancellationToken cancellationToken)
    {
        if (reads.Count == 0) return;
        session.Events.StartStream(Guid.CreateVersion7(), [.. reads]);
        await session.SaveChangesAsync(cancellationToken);
        response.ShowedPersonalData();
    }

    /// <summary>An endpoint whose every successful answer shows someone's personal data.</summary>
    public static RouteHandlerBuilder ShowsPersonalData(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is not Microsoft.AspNetCore.Http.IStatusCodeHttpResult { StatusCode: >= 300 } && context.HttpContext.Response.StatusCode < 300)
                context.HttpContext.Response.ShowedPersonalData();
            return result;
        });
}

/// <summary>Adds the access-audit events a request committed to its response's X-Access-Audited.</summary>
public sealed class AccessAuditCommits : DocumentSessionListenerBase
{
    private static readonly HttpContextAccessor Requests = new();

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var audited = commit.GetEvents().Count(e => e.Data is IAccessAuditEntry);
        if (audited > 0 && Requests.HttpContext?.Response is { HasStarted: false } response)
            response.Headers[AccessAudit.Audited] = ((int.TryParse(response.Headers[AccessAudit.Audited], out var before) ? before : 0) + audited).ToString();
        return Task.CompletedTask;
    }
}
