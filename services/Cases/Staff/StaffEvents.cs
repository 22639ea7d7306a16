// The private history of each person's place on a roster (花名册). A person's name here is
// workplace data: it stays in Cases, and the relay never puts it on the bus.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Staff;

/// <summary>
/// A person joined a roster: a station's staff (StationId set) or a district's duty officers
/// (StationId null). DistrictCode is always the district the post belongs to, so the relay tells
/// the other services where an alarm goes next without loading the station.
/// </summary>
public sealed record StaffJoined(
    Guid PersonId, StaffRole Role, Guid? StationId, string DistrictCode, string? Name, Guid JoinedBy, DateTimeOffset JoinedAt);

/// <summary>A person on a roster took another role there.</summary>
public sealed record StaffRoleChanged(
    Guid PersonId, StaffRole Role, StaffRole PreviousRole, Guid? StationId, string DistrictCode, Guid ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A person left the roster; they may join this or another one later.</summary>
public sealed record StaffLeft(
    Guid PersonId, StaffRole Role, Guid? StationId, string DistrictCode, Guid LeftBy, DateTimeOffset LeftAt);
