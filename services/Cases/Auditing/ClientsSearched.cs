using FiveSocieties.BuildingBlocks.Security;

namespace FiveSocieties.Cases.Auditing;

/// <summary>What a search for a client was taken to be: the kind decides which keyed hash it is looked up by.</summary>
public enum ClientQueryKind { Name, IdNumber, Phone }

/// <summary>
/// Someone searched their station's clients. The query is kept only as its kind and keyed hash:
/// an audit that held the names searched for would be one more copy of them.
/// </summary>
public sealed record ClientsSearched(
    Guid StationId, Guid ReaderId, IReadOnlyList<string> ReaderRoles, ClientQueryKind Kind, string? QueryHash, long Matches, DateTimeOffset At) : IAccessAuditEntry;
