// The Case stream's private history. These may hold personal and health data and never leave
// the service; Integration/Outgoing decides what the other services hear.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

/// <summary>Where the client lives, as far as the station's work needs it.</summary>
public sealed record CaseLocation(string District, string Township, string Grid);

/// <summary>建档立卡: a caseworker opened a case file for one client.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories,
    CaseLocation Location,
    Guid OpenedBy,
    DateTimeOffset OpenedAt);

/// <summary>A supervisor handed the case to another caseworker.</summary>
public sealed record CaseworkerReassigned(
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid PreviousCaseworkerId,
    string? Reason,
    Guid ReassignedBy,
    DateTimeOffset ReassignedAt);
