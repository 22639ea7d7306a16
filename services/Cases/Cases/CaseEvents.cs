// The Case stream's private history. These may hold personal and health data and never leave
// the service; Integration/Outgoing decides what the other services hear.
using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Cases.Cases;

/// <summary>Where the client lives, as far as the station's work needs it.</summary>
public sealed record CaseLocation(string District, string Township, string Grid);

/// <summary>The registered household member the case is for: where the client's personal details live (sealed).</summary>
public sealed record CaseClient(Guid HouseholdId, Guid MemberId);

/// <summary>建档立卡: a caseworker opened a case file for one client.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories,
    CaseLocation Location,
    Guid OpenedBy,
    DateTimeOffset OpenedAt,
    CaseClient? Client = null,
    GeoPoint? ApproximatePosition = null);

/// <summary>A supervisor handed the case to another caseworker.</summary>
public sealed record CaseworkerReassigned(
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid PreviousCaseworkerId,
    string? Reason,
    Guid ReassignedBy,
    DateTimeOffset ReassignedAt);

/// <summary>
/// 需求: a need of the client. The client's group, categories and grid are recorded as they were
/// when the need was raised: they are the facts the need was matched on.
/// </summary>
public sealed record NeedRaised(
    Guid CaseId,
    Guid NeedId,
    NeedCategory Category,
    Urgency Urgency,
    Recurrence Recurrence,
    int Quantity,
    DateOnly StartDate,
    string? Note,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> ClientCategories,
    CaseLocation Location,
    Guid RaisedBy,
    DateTimeOffset RaisedAt,
    int? ClientAge = null,
    int? AbilityLevel = null,
    RiskLevel? RiskLevel = null,
    GeoPoint? ApproximatePosition = null);

public sealed record NeedWithdrawn(
    Guid CaseId, Guid NeedId, NeedWithdrawalCause Cause, string Reason, Guid WithdrawnBy, DateTimeOffset WithdrawnAt);

/// <summary>The provider accepted a referral for the need: it is being met.</summary>
public sealed record NeedMatched(Guid CaseId, Guid NeedId, Guid ReferralId, DateTimeOffset MatchedAt);

/// <summary>The accepted referral fell through (declined, expired, or cancelled with its offer): the need is open again for matching.</summary>
public sealed record NeedReopened(Guid CaseId, Guid NeedId, Guid ReferralId, ReferralStage Cause, DateTimeOffset ReopenedAt);

public sealed record NeedFulfilled(Guid CaseId, Guid NeedId, Guid? ReferralId, DateTimeOffset FulfilledAt);

public sealed record CaseClosed(Guid CaseId, Guid StationId, string Reason, Guid ClosedBy, DateTimeOffset ClosedAt);

/// <summary>Station and caseworker travel with the reopening so the relay can tell the other services whose case it is.</summary>
public sealed record CaseReopened(Guid CaseId, string Reason, Guid ReopenedBy, DateTimeOffset ReopenedAt, Guid StationId = default, Guid CaseworkerId = default);
