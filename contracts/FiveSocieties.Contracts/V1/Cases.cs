// Integration events published by the Cases service (DESIGN §5). Public, versioned, never edited:
// a breaking change is a new namespace (V2), not a change here. No personal data in these.
namespace FiveSocieties.Contracts.V1;

/// <summary>A case file was opened for an elderly person or a child (建档立卡).</summary>
public sealed record CaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> Categories,
    GridLocation Location);

/// <summary>The responsible caseworker of a case changed (or was set for the first time).</summary>
public sealed record CaseworkerAssigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    Guid? PreviousCaseworkerId);

/// <summary>A case was closed; its open needs no longer take part in matching. (The reason stays in Cases.)</summary>
public sealed record CaseClosed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId);

/// <summary>
/// A caseworker raised a need for a client. Carries what matching needs to find and rank
/// resources — the client's group, categories, age in years, latest ability and risk level, grid
/// and the grid's approximate position (rounded to 0.01°, about 1 km: never the address) — and no
/// personal data.
/// </summary>
public sealed record NeedRaised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    NeedCategory Category,
    Urgency Urgency,
    Recurrence Recurrence,
    int Quantity,
    DateOnly StartDate,
    ClientGroup ClientGroup,
    IReadOnlyList<ClientCategory> ClientCategories,
    GridLocation Location,
    int? ClientAge = null,
    int? AbilityLevel = null,
    RiskLevel? RiskLevel = null,
    GeoPoint? ApproximatePosition = null);

/// <summary>
/// A need no longer wants a resource. Only the cause travels: the caseworker's reason is free
/// text that may describe the person, and stays in Cases.
/// </summary>
public sealed record NeedWithdrawn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CaseId,
    NeedWithdrawalCause Cause);

/// <summary>A need was met: the referral that met it completed (or the caseworker recorded it met).</summary>
public sealed record NeedFulfilled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CaseId,
    Guid? ReferralId);

/// <summary>A closed case was reopened; its caseworker and station are as they were.</summary>
public sealed record CaseReopened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId);

/// <summary>
/// A planned visit became overdue (the service plan's frequency has passed since the last visit).
/// Notifications gathers these into one daily digest per caseworker.
/// </summary>
public sealed record VisitOverdue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    DateOnly DueOn);

/// <summary>
/// The household said no to its meal by SMS several times in a row (see Cases' MealSkipRun):
/// a signal on the case for its caseworker to find out why.
/// </summary>
public sealed record MealSkipsNoticed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    int SkippedInARow,
    DateOnly FirstSkipped,
    DateOnly LastSkipped);

/// <summary>
/// A supervisor of another station opened this station's case file, stating a reason
/// (break-the-glass). The station's own supervisors are told; the reason stays in Cases' audit.
/// </summary>
public sealed record CaseFileOpenedByBreakGlass(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid StationId,
    Guid SupervisorId);

/// <summary>
/// A supervisor of another station opened this station's household (its members' personal data),
/// stating a reason (break-the-glass). The station's own supervisors are told; the reason stays in
/// Cases' audit.
/// </summary>
public sealed record HouseholdOpenedByBreakGlass(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid HouseholdId,
    Guid StationId,
    Guid SupervisorId);

/// <summary>A station was opened; where it is, so alarms at a station can go on to its district's duty officers.</summary>
public sealed record StationOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid StationId,
    string DistrictCode,
    string TownshipCode);

/// <summary>
/// A person joined a roster: a station's staff (StationId set) or a district's duty officers
/// (StationId null, role DistrictOfficer). DistrictCode is always the district the post belongs to.
/// Their sign-in says who they are; the roster says what they answer for.
/// </summary>
public sealed record StaffJoined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PersonId,
    StaffRole Role,
    Guid? StationId,
    string DistrictCode);

/// <summary>A person on a roster took another role there (a caseworker became the station's supervisor).</summary>
public sealed record StaffRoleChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PersonId,
    StaffRole Role,
    Guid? StationId,
    string DistrictCode);

/// <summary>A person left the roster: from now on they answer for nothing there.</summary>
public sealed record StaffLeft(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PersonId,
    Guid? StationId,
    string DistrictCode);

/// <summary>
/// An urgent need has waited unmatched past the configured time and still wants an offer: an
/// urgent alarm for its caseworker, escalated up the chain until someone acknowledges it.
/// </summary>
public sealed record UrgentNeedUnmatched(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CaseId,
    Guid StationId,
    Guid CaseworkerId,
    NeedCategory Category,
    DateTimeOffset RaisedAt);
