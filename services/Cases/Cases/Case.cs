using FiveSocieties.Contracts.V1;
using JasperFx.Events;

namespace FiveSocieties.Cases.Cases;

public enum CaseStatus { Open, Active, Closed }

public enum NeedStatus { Open, Matched, Fulfilled, Withdrawn }

/// <summary>A need of the case, as far as the case file tracks it.</summary>
public sealed record CaseNeed(
    Guid Id, NeedCategory Category, Urgency Urgency, Recurrence Recurrence, int Quantity, DateOnly StartDate,
    string? Note, NeedStatus Status, DateTimeOffset RaisedAt)
{
    public bool IsLive => Status is NeedStatus.Open or NeedStatus.Matched;
}

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
    IReadOnlyList<CaseNeed> Needs,
    DateTimeOffset? ClosedAt,
    long Version)
{
    public static Case Create(IEvent<CaseOpened> opened) => new(
        opened.Data.CaseId, opened.Data.StationId, opened.Data.CaseworkerId, opened.Data.ClientGroup,
        opened.Data.Categories, opened.Data.Location, CaseStatus.Open, opened.Data.OpenedAt, [], null, opened.Version);

    public Case Apply(IEvent<CaseworkerReassigned> reassigned) =>
        this with { CaseworkerId = reassigned.Data.CaseworkerId, Version = reassigned.Version };

    public Case Apply(IEvent<NeedRaised> raised) => this with
    {
        Needs = [.. Needs, new CaseNeed(raised.Data.NeedId, raised.Data.Category, raised.Data.Urgency, raised.Data.Recurrence,
            raised.Data.Quantity, raised.Data.StartDate, raised.Data.Note, NeedStatus.Open, raised.Data.RaisedAt)],
        Version = raised.Version,
    };

    public Case Apply(IEvent<NeedWithdrawn> withdrawn) => this with
    {
        Needs = Needs.Select(n => n.Id == withdrawn.Data.NeedId ? n with { Status = NeedStatus.Withdrawn } : n).ToList(),
        Version = withdrawn.Version,
    };

    public Case Apply(IEvent<CaseClosed> closed) =>
        this with { Status = CaseStatus.Closed, ClosedAt = closed.Data.ClosedAt, Version = closed.Version };

    public Case Apply(IEvent<CaseReopened> reopened) =>
        this with { Status = CaseStatus.Open, ClosedAt = null, Version = reopened.Version };
}
