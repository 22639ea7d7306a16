using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Cases.Cases;
using JasperFx.Events;
using V1 = FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Integration.Outgoing;

/// <summary>What the other services hear from Cases (DESIGN §5): ids, station, grid, group and categories; never personal data.</summary>
public sealed class CasesIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> RelayedEventTypes { get; } = [typeof(CaseOpened), typeof(CaseworkerReassigned)];

    public object? Map(IEvent @event) => @event.Data switch
    {
        CaseOpened e => new V1.CaseOpened(@event.Id, e.OpenedAt, e.CaseId, e.StationId, e.CaseworkerId, e.ClientGroup,
            e.Categories, new V1.GridLocation(e.Location.District, e.Location.Township, e.Location.Grid)),
        CaseworkerReassigned e => new V1.CaseworkerAssigned(@event.Id, e.ReassignedAt, e.CaseId, e.StationId,
            e.CaseworkerId, e.PreviousCaseworkerId),
        _ => null,
    };
}
