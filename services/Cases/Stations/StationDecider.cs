using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Cases.Stations;

public sealed record OpenStation(
    Guid StationId, string DistrictCode, string TownshipCode, string Name, bool RegisteredInNationalSystem,
    Guid OpenedBy, DateTimeOffset At);

public sealed record RegisterStationNationally(Guid StationId, Guid RegisteredBy, DateTimeOffset At);

/// <summary>
/// What may happen to a station's own stream. Whether its township exists and is free is the
/// district's to decide (<see cref="DistrictDecider"/>); opening a station takes both decisions
/// in one transaction.
/// </summary>
public static class StationDecider
{
    public static IReadOnlyList<object> Decide(Station? state, OpenStation command)
    {
        if (state is not null)
        {
            // A client retrying with its own id gets the same station. Asking for "not registered"
            // of a station registered since is still the same request, repeated.
            var same = state.DistrictCode == command.DistrictCode && state.TownshipCode == command.TownshipCode
                && state.Name == command.Name && (state.RegisteredInNationalSystem || !command.RegisteredInNationalSystem);
            return same ? [] : throw new DomainRuleViolation("station.id-taken", $"Station {command.StationId} already exists with other details.");
        }
        return
        [
            new StationOpened(command.StationId, command.DistrictCode, command.TownshipCode, command.Name,
                command.RegisteredInNationalSystem, command.OpenedBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(Station? state, RegisterStationNationally command)
    {
        if (state is null) throw new RecordNotFound("Station", command.StationId);
        if (state.RegisteredInNationalSystem) return [];
        return [new StationRegisteredNationally(state.Id, state.DistrictCode, state.TownshipCode, command.RegisteredBy, command.At)];
    }
}
