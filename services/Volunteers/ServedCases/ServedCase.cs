// Volunteers' view of a case: the station that serves it and the grid it lives in, so that
// deliveries and visits can be planned from the right station's volunteers. Nothing more.
using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Volunteers.ServedCases;

public sealed record CaseServedByStation(Guid CaseId, Guid StationId, GridLocation Location);

public sealed record ServedCase(Guid Id, Guid StationId, GridLocation Location, long Version)
{
    public static ServedCase Create(IEvent<CaseServedByStation> e) => new(e.Data.CaseId, e.Data.StationId, e.Data.Location, e.Version);

    /// <summary>A case is recorded once; a repeated opening changes nothing.</summary>
    public static IReadOnlyList<object> Decide(ServedCase? state, CaseOpened opened) =>
        state is null ? [new CaseServedByStation(opened.CaseId, opened.StationId, opened.Location)] : [];
}
