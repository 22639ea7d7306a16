// Volunteers' view of a case: the station that serves it, the grid it lives in, and the client's
// group and categories (a child needs a background-checked volunteer; someone who lives alone
// raises an alarm when a meal is missed). Nothing more.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Volunteers.ServedCases;

public sealed record CaseServedByStation(
    Guid CaseId, Guid StationId, GridLocation Location, ClientGroup? ClientGroup = null, IReadOnlyList<ClientCategory>? Categories = null);

public sealed record ServedCase(Guid Id, Guid StationId, GridLocation Location, long Version)
{
    public ClientGroup? ClientGroup { get; init; }
    public IReadOnlyList<ClientCategory> Categories { get; init; } = [];

    public bool IsChild => ClientGroup == Contracts.V1.ClientGroup.Child;
    public bool LivesAlone => Categories.Contains(ClientCategory.LivesAlone);

    public static ServedCase Create(CaseServedByStation e) => new(e.CaseId, e.StationId, e.Location, 1)
    {
        ClientGroup = e.ClientGroup,
        Categories = e.Categories ?? [],
    };

    /// <summary>A case is recorded once; a repeated opening changes nothing.</summary>
    public static IReadOnlyList<object> Decide(ServedCase? state, CaseOpened opened) =>
        state is null ? [new CaseServedByStation(opened.CaseId, opened.StationId, opened.Location, opened.ClientGroup, opened.Categories)] : [];
}
