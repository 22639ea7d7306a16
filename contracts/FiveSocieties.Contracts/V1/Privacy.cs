// Events that carry or revoke personal data (DESIGN §5, §6). DeliveryRecipientShared is the only
// contract with a person's details in it, and Cases publishes it only while the client's consent
// for delivery sharing is valid.
namespace FiveSocieties.Contracts.V1;

/// <summary>
/// With the client's (or guardian's) consent, the details a volunteer needs to bring a meal:
/// shared with the Volunteers service for the need the consent covers, until <see cref="ValidUntil"/>.
/// </summary>
public sealed record DeliveryRecipientShared(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid CaseId,
    Guid StationId,
    string Name,
    string Address,
    string Phone,
    string? DietaryNotes,
    GeoPoint? Position,
    GridLocation Location,
    bool LivesAlone,
    DateTimeOffset ValidUntil);

public enum SharingRevocationCause { ConsentWithdrawn, ConsentExpired, CaseClosed, ClientDataErased }

/// <summary>Stop using and delete the delivery details shared for this case.</summary>
public sealed record DeliveryRecipientRevoked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid CaseId,
    SharingRevocationCause Cause);

/// <summary>A client's personal data was erased (crypto-shredded) in Cases; every service deletes what it holds about them.</summary>
public sealed record ClientDataErased(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId);

/// <summary>
/// The client (or guardian) consented to be contacted by SMS at the phone shared for deliveries —
/// the evening-before meal question — until <see cref="ValidUntil"/>. Ids only: the phone itself
/// travels only in <see cref="DeliveryRecipientShared"/>.
/// </summary>
public sealed record HouseholdSmsContactAllowed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid CaseId,
    DateTimeOffset ValidUntil);

/// <summary>That consent was withdrawn or ran out: no more texts under it.</summary>
public sealed record HouseholdSmsContactEnded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ConsentId,
    Guid CaseId,
    SharingRevocationCause Cause);
