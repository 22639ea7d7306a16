using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using Marten;

namespace FiveSocieties.Cases.Cases;

/// <summary>A case file is only read through here, so that every read is on its audit stream.</summary>
public static class CaseFileReading
{
    /// <summary>
    /// Opens a case for reading: within the reader's station, or — for a supervisor who states a
    /// reason — across stations (break-the-glass). Anyone else gets 404, as if it did not exist.
    /// The read is recorded before anything is returned.
    /// </summary>
    public static async Task<Case> OpenAsync(
        IDocumentStore store, IQuerySession session, CurrentUser user, Guid caseId, string what, HttpRequest request, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var current = await session.LoadAsync<Case>(caseId, cancellationToken) ?? throw new RecordNotFound("Case", caseId);
        await CaseFileAccess.RecordReadAsync(store, user, "Case", caseId, current.StationId, request, clock, (reason, now) => reason is null
            ? [new CaseFileRead(caseId, current.StationId, user.Id, user.RoleCodes, user.StationId, what, null, now)]
            : [new CaseFileRead(caseId, current.StationId, user.Id, user.RoleCodes, user.StationId, what, reason, now),
                new CaseFileOpenedByBreakGlass(caseId, current.StationId, user.Id, user.StationId, now)], cancellationToken);
        return current;
    }
}
