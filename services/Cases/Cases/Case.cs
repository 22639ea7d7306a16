using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Cases.Cases;

public enum CaseStatus { Open, Active, Closed }

/// <summary>
/// A case as its events made it: what the decider needs to decide, and (kept inline by Marten)
/// what GET /cases/{id} shows. Built only by the Apply methods, never mutated elsewhere.
/// </summary>
public sealed record Case(
    Guid Id,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories,
    CaseLocation Location,
    CaseStatus Status,
    DateTimeOffset OpenedAt,
    long Version)
{
    public static Case Create(IEvent<CaseOpened> opened) => new(
        opened.Data.CaseId, opened.Data.StationId, opened.Data.CaseworkerId, opened.Data.ClientGroup,
        opened.Data.Categories, opened.Data.Location, CaseStatus.Open, opened.Data.OpenedAt, opened.Version);

    public Case Apply(IEvent<CaseworkerReassigned> reassigned) =>
        this with { CaseworkerId = reassigned.Data.CaseworkerId, Version = reassigned.Version };
}
