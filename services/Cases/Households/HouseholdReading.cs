using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.Cases.Auditing;
using Marten;

namespace FiveSocieties.Cases.Households;

/// <summary>A household with its members' personal fields is only read through here, so that every read is on its audit stream.</summary>
public static class HouseholdReading
{
    /// <summary>
    /// Opens a household for reading, by the same rule as a case file: the station that registered
    /// it, or a supervisor elsewhere who states a reason; recorded before anything is returned.
    /// </summary>
    public static async Task<Household> OpenAsync(
        IDocumentStore store, IQuerySession session, CurrentUser user, Guid householdId, HttpRequest request, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var household = await session.LoadAsync<Household>(householdId, cancellationToken) ?? throw new RecordNotFound("Household", householdId);
        await CaseFileAccess.RecordReadAsync(store, user, "Household", householdId, household.StationId, request, clock, (reason, now) =>
            reason is null || household.StationId is not { } station
                ? [new HouseholdRead(householdId, household.StationId, user.Id, user.RoleCodes, user.StationId, reason, now)]
                : [new HouseholdRead(householdId, household.StationId, user.Id, user.RoleCodes, user.StationId, reason, now),
                    new HouseholdOpenedByBreakGlass(householdId, station, user.Id, user.StationId, now)],
            cancellationToken);
        return household;
    }
}
