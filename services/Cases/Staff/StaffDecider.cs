using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Staff;

/// <summary>
/// Which roster: a station's staff (caseworkers, supervisors, coordinators) or, with no station,
/// a district's duty officers. DistrictCode is always the post's district.
/// </summary>
public sealed record Roster(Guid? StationId, string DistrictCode)
{
    public static Roster OfStation(Guid stationId, string districtCode) => new(stationId, districtCode);

    public static Roster OfDistrict(string districtCode) => new(null, districtCode);

    /// <summary>The roles this roster holds.</summary>
    public IReadOnlyList<StaffRole> Roles => StationId is null
        ? [StaffRole.DistrictOfficer]
        : [StaffRole.Caseworker, StaffRole.Supervisor, StaffRole.Coordinator];

    public override string ToString() => StationId is { } station ? $"station {station}" : $"district {DistrictCode}";
}

public sealed record JoinRoster(Guid PersonId, Roster Roster, StaffRole Role, string? Name, Guid By, DateTimeOffset At);

public sealed record ChangeStaffRole(Guid PersonId, Roster Roster, StaffRole Role, Guid By, DateTimeOffset At);

public sealed record LeaveRoster(Guid PersonId, Roster Roster, Guid By, DateTimeOffset At);

/// <summary>
/// What may happen to a person's place on the rosters: pure functions from (state, command) to
/// events, or a named rule. One post at a time: to move, a person leaves one roster and joins another.
/// </summary>
public static class StaffDecider
{
    public static IReadOnlyList<object> Decide(StaffMember? state, JoinRoster command)
    {
        EnsureRoleFits(command.Roster, command.Role);
        if (state?.Roster is { } current)
            throw current == command.Roster
                ? new DomainRuleViolation("staff.already-on-roster",
                    $"{command.PersonId} is already on this roster as {state.Role}; change their role instead.")
                : new DomainRuleViolation("staff.on-another-roster",
                    $"{command.PersonId} is on the roster of {current} as {state.Role}; they leave it before joining another.");
        return
        [
            new StaffJoined(command.PersonId, command.Role, command.Roster.StationId, command.Roster.DistrictCode, command.Name,
                command.By, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(StaffMember? state, ChangeStaffRole command)
    {
        var member = OnThisRoster(state, command.PersonId, command.Roster);
        EnsureRoleFits(command.Roster, command.Role);
        if (member.Role == command.Role) return [];
        return
        [
            new StaffRoleChanged(command.PersonId, command.Role, member.Role!.Value, command.Roster.StationId, command.Roster.DistrictCode,
                command.By, command.At),
        ];
    }

    public static IReadOnlyList<object> Decide(StaffMember? state, LeaveRoster command)
    {
        var member = OnThisRoster(state, command.PersonId, command.Roster);
        return [new StaffLeft(command.PersonId, member.Role!.Value, command.Roster.StationId, command.Roster.DistrictCode, command.By, command.At)];
    }

    /// <summary>A person on another roster, or on none, is not found on this one (as for any record out of reach).</summary>
    private static StaffMember OnThisRoster(StaffMember? state, Guid personId, Roster roster) =>
        state is not null && state.Roster == roster ? state : throw new RecordNotFound("Staff member", personId);

    private static void EnsureRoleFits(Roster roster, StaffRole role)
    {
        if (!roster.Roles.Contains(role))
            throw new DomainRuleViolation("staff.role-not-for-roster",
                $"The roster of {roster} holds {string.Join(", ", roster.Roles)}, not {role}.");
    }
}
