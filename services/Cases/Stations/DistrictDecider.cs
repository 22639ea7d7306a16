using FiveSocieties.BuildingBlocks.Domain;

namespace FiveSocieties.Cases.Stations;

public sealed record RegisterTownships(
    string DistrictCode, string DistrictName, IReadOnlyList<TownshipEntry> Townships, Guid RegisteredBy, DateTimeOffset At);

/// <summary>Seat a station in its township: the district's side of opening a station.</summary>
public sealed record PlaceStation(string TownshipCode, Guid StationId, DateTimeOffset At);

/// <summary>
/// What may happen to a district: pure functions from (state, command) to events, or a
/// <see cref="DomainRuleViolation"/> naming the rule.
/// </summary>
public static class DistrictDecider
{
    public static IReadOnlyList<object> Decide(District? state, RegisterTownships command)
    {
        // A township's code begins with its district's, so a township can belong to one district
        // only: this rule alone keeps a township from being registered under two districts,
        // with no look-up across streams and no race between them.
        var foreign = command.Townships.Where(t => !DivisionCodes.IsTownshipOf(t.Code, command.DistrictCode)).Select(t => t.Code).ToList();
        if (foreign.Count > 0)
            throw new DomainRuleViolation("district.township-of-another-district",
                $"{string.Join(", ", foreign)} belong to another district: a township's code begins with its district's code {command.DistrictCode}.");
        if (state is not null && state.Name != command.DistrictName)
            throw new DomainRuleViolation("district.name-differs",
                $"District {command.DistrictCode} is registered as {state.Name}, not {command.DistrictName}.");

        var renamed = command.Townships.Where(t => state?.FindTownship(t.Code) is { } known && known.Name != t.Name).Select(t => t.Code).ToList();
        if (renamed.Count > 0)
            throw new DomainRuleViolation("district.township-name-differs",
                $"{string.Join(", ", renamed)} are already registered under other names.");

        var fresh = command.Townships.Where(t => state?.FindTownship(t.Code) is null).DistinctBy(t => t.Code).ToList();
        if (fresh.Count == 0) return [];
        return
        [
            new TownshipsRegistered(DivisionCodes.DistrictId(command.DistrictCode), command.DistrictCode, command.DistrictName,
                fresh, command.RegisteredBy, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(District? state, PlaceStation command)
    {
        var township = state?.FindTownship(command.TownshipCode)
            ?? throw new DomainRuleViolation("station.unknown-township",
                $"Township {command.TownshipCode} is not registered in this district; register it first.");
        if (township.StationId == command.StationId) return [];
        if (township.StationId is { } other)
            throw new DomainRuleViolation("station.township-taken",
                $"Township {township.Code} ({township.Name}) already has station {other}; one station serves a township.");
        return [new StationPlacedInTownship(state.Id, township.Code, command.StationId, command.At)];
    }
}
