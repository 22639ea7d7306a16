using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases.Cases;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Integration.Outgoing;

/// <summary>What the other services hear from Cases (DESIGN §5): ids, station, grid, group and categories; never personal data.</summary>
public sealed class CasesIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } =
        [typeof(CaseOpened), typeof(CaseworkerReassigned), typeof(NeedRaised), typeof(NeedWithdrawn), typeof(CaseClosed)];

    public object? Map(IEvent @event) => @event.Data switch
    {
        CaseOpened e => new V1.CaseOpened(@event.Id, e.OpenedAt, e.CaseId, e.StationId, e.CaseworkerId, e.ClientGroup,
            e.Categories, Grid(e.Location)),
        CaseworkerReassigned e => new V1.CaseworkerAssigned(@event.Id, e.ReassignedAt, e.CaseId, e.StationId,
            e.CaseworkerId, e.PreviousCaseworkerId),
        NeedRaised e => new V1.NeedRaised(@event.Id, e.RaisedAt, e.NeedId, e.CaseId, e.StationId, e.CaseworkerId, e.Category,
            e.Urgency, e.Recurrence, e.Quantity, e.StartDate, e.ClientGroup, e.ClientCategories, Grid(e.Location)),
        NeedWithdrawn e => new V1.NeedWithdrawn(@event.Id, e.WithdrawnAt, e.NeedId, e.CaseId, e.Cause),
        CaseClosed e => new V1.CaseClosed(@event.Id, e.ClosedAt, e.CaseId, e.StationId),
        _ => null,
    };

    private static V1.GridLocation Grid(CaseLocation location) => new(location.District, location.Township, location.Grid);
}
