using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.EventStore;
using FiveSocieties.BuildingBlocks.Http;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Cases.OpeningCase;
using Marten;

namespace FiveSocieties.Cases.Cases;

/// <summary>
/// The common path of every command on an existing case: honour If-Match, load the case (404
/// when it does not exist or belongs to another station), decide, append, commit, answer with
/// the new version as ETag.
/// </summary>
internal static class CaseCommand
{
    public static async Task<IResult> HandleAsync(
        Guid caseId, CurrentUser user, IDocumentSession session, HttpContext http,
        Func<Case, IReadOnlyList<object>> decide, CancellationToken cancellationToken,
        Func<Decision, IResult>? respond = null)
    {
        var expected = ExpectedVersion.FromIfMatch(http.Request);
        var decision = await session.DecideAsync<Case>(caseId, state =>
        {
            if (state is null) throw new RecordNotFound("Case", caseId);
            user.EnsureCanSee(state.StationId, "Case", caseId);
            return decide(state);
        }, cancellationToken, expected);
        await session.SaveChangesAsync(cancellationToken);
        ExpectedVersion.SetETag(http.Response, decision.Version);
        return respond?.Invoke(decision) ?? TypedResults.Ok(new CaseWritten(caseId, decision.Version));
    }
}
